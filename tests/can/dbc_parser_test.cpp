// DbcParser against tests/data/dbc/features.dbc (every supported statement) and its bad siblings,
// whose expected line/column come from reading the files, and the four real DBCs in shared/data.
#include "can/dbc_parser.h"
#include "test_paths.h"

#include <QFile>
#include <gtest/gtest.h>

using namespace pg::can;

namespace {

DbcDatabase loadGood(const QString& path)
{
    auto db = DbcParser::load(path.toStdString(), {});
    EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().toString());
    return db ? *db : DbcDatabase {};
}

const DbcSignal& sig(const DbcDatabase& db, const char* message, const char* signal)
{
    const DbcMessage* m = db.findMessage(message);
    EXPECT_NE(m, nullptr) << message;
    const DbcSignal* s = m ? m->findSignal(signal) : nullptr;
    EXPECT_NE(s, nullptr) << message << "." << signal;
    static const DbcSignal kNone;
    return s ? *s : kNone;
}

} // namespace

TEST(DbcParser, ReadsMessagesNodesAndVersion)
{
    const DbcDatabase db = loadGood(pg::test::dataPath("dbc/features.dbc"));
    EXPECT_EQ(db.version, "1.2");
    ASSERT_EQ(db.nodes.size(), 3U);
    EXPECT_EQ(db.nodes[0].name, "Bms");
    EXPECT_EQ(db.nodes[0].comment, "Battery management system");
    EXPECT_EQ(db.messages.size(), 8U);
    EXPECT_TRUE(db.skipped.empty());
    EXPECT_EQ(db.ignoredStatements, 1); // SIG_GROUP_
    EXPECT_EQ(db.comment, "Test network for PackGrade's DBC parser");
    ASSERT_EQ(db.valueTables.size(), 1U);
    EXPECT_EQ(db.valueTables[0].labels.size(), 2U);
    const DbcMessage* layout = db.findMessage(0x100, false);
    ASSERT_NE(layout, nullptr);
    EXPECT_EQ(layout->name, "Layout");
    EXPECT_EQ(layout->length, 8);
    EXPECT_EQ(layout->transmitter, "Bms");
    EXPECT_EQ(layout->comment, "Layouts: Intel and Motorola\nfields that cross byte boundaries");
    EXPECT_EQ(layout->line, 20);
    const DbcMessage* cells = db.findMessage("Cells");
    ASSERT_NE(cells, nullptr);
    EXPECT_EQ(cells->otherTransmitters, (std::vector<std::string> { "Bms", "Charger" }));
}

TEST(DbcParser, ReadsSignalDefinitions)
{
    const DbcDatabase db = loadGood(pg::test::dataPath("dbc/features.dbc"));
    const DbcSignal& moto = sig(db, "Layout", "MotoCross");
    EXPECT_EQ(moto.startBit, 21);
    EXPECT_EQ(moto.length, 12);
    EXPECT_EQ(moto.byteOrder, ByteOrder::BigEndian);
    EXPECT_FALSE(moto.isSigned);
    EXPECT_DOUBLE_EQ(moto.factor, 0.5);
    EXPECT_DOUBLE_EQ(moto.offset, -10.0);
    EXPECT_DOUBLE_EQ(moto.minimum, -10.0);
    EXPECT_DOUBLE_EQ(moto.maximum, 2037.5);
    EXPECT_EQ(moto.unit, "V");
    EXPECT_EQ(moto.receivers, (std::vector<std::string> { "Tester", "Charger" }));
    EXPECT_EQ(moto.comment, "Big-endian, 12 bits, \"crossing\" bytes 2-3");
    ASSERT_EQ(moto.attributes.size(), 1U);
    EXPECT_DOUBLE_EQ(moto.attributes[0].number, 20.0);
    const DbcSignal& nibble = sig(db, "Layout", "Nibble");
    EXPECT_EQ(
        nibble.receivers, (std::vector<std::string> { "Tester", "Charger" })); // space separated
    const DbcSignal& flag = sig(db, "Layout", "Flag");
    EXPECT_TRUE(flag.isSigned);
    EXPECT_EQ(flag.byteOrder, ByteOrder::LittleEndian);
    ASSERT_NE(flag.labelFor(-1), nullptr);
    EXPECT_STREQ(flag.labelFor(-1), "Set");
    EXPECT_EQ(flag.labelFor(5), nullptr);
    EXPECT_STREQ(sig(db, "Cells", "Status").labelFor(2), "Fault");
    EXPECT_EQ(sig(db, "Floats", "F32").valueType, SignalValueType::Float32);
    EXPECT_EQ(sig(db, "Floats", "F64").valueType, SignalValueType::Float64);
    EXPECT_EQ(sig(db, "Floats", "MotoF32").valueType, SignalValueType::Float32);
    EXPECT_EQ(sig(db, "Wide", "U64").length, 64);
}

TEST(DbcParser, ReadsAttributesIdsAndFrameFormats)
{
    const DbcDatabase db = loadGood(pg::test::dataPath("dbc/features.dbc"));
    EXPECT_EQ(db.findMessage("Layout")->cycleTimeMs, 100);
    EXPECT_EQ(db.findMessage("Cells")->cycleTimeMs, 20);
    EXPECT_EQ(db.findMessage("Wide")->cycleTimeMs, 1000); // BA_DEF_DEF_
    const DbcMessage* fd = db.findMessage("FdPack");
    ASSERT_NE(fd, nullptr);
    EXPECT_TRUE(fd->extended);
    EXPECT_EQ(fd->id, 0x400U); // 2147484672 = 0x80000000 | 0x400
    EXPECT_EQ(fd->length, 64);
    EXPECT_EQ(fd->frameFormat, DbcFrameFormat::ExtendedFd);
    EXPECT_TRUE(fd->isFd());
    EXPECT_EQ(db.findMessage(0x400, true), fd);
    EXPECT_EQ(db.findMessage(0x400, false), nullptr);
    const DbcMessage* floats = db.findMessage("Floats");
    EXPECT_EQ(floats->frameFormat, DbcFrameFormat::StandardFd);
    EXPECT_FALSE(floats->extended);
    const DbcMessage* j1939 = db.findMessage("J1939Soc");
    EXPECT_EQ(j1939->id, 0x18FF50E5U); // 2566869221 - 2^31
    EXPECT_TRUE(j1939->extended);
    EXPECT_EQ(j1939->frameFormat, DbcFrameFormat::J1939);
    EXPECT_EQ(db.findMessage("Layout")->frameFormat, DbcFrameFormat::Standard);
    ASSERT_EQ(db.attributes.size(), 1U);
    EXPECT_EQ(db.attributes[0].text, "CAN FD");
    const DbcAttributeDefinition* vf = db.findAttributeDefinition("VFrameFormat");
    ASSERT_NE(vf, nullptr);
    EXPECT_EQ(vf->type, DbcAttributeType::Enum);
    EXPECT_EQ(vf->enumValues.size(), 16U);
}

TEST(DbcParser, ReadsSimpleAndExtendedMultiplexing)
{
    const DbcDatabase db = loadGood(pg::test::dataPath("dbc/features.dbc"));
    EXPECT_TRUE(sig(db, "Cells", "Index").isMultiplexer);
    const DbcSignal& cellB = sig(db, "Cells", "CellB");
    EXPECT_EQ(cellB.muxSwitch, "Index");
    ASSERT_EQ(cellB.muxRanges.size(), 1U);
    EXPECT_EQ(cellB.muxRanges[0].low, 0U);
    EXPECT_TRUE(sig(db, "Cells", "Status").muxSwitch.empty());
    const DbcSignal& sub = sig(db, "Diag", "Sub");
    EXPECT_TRUE(sub.isMultiplexer);
    EXPECT_EQ(sub.muxSwitch, "Service");
    const DbcSignal& temp = sig(db, "Diag", "Temp");
    EXPECT_EQ(temp.muxSwitch, "Sub"); // SG_MUL_VAL_ overrides the m2 of the SG_ line
    ASSERT_EQ(temp.muxRanges.size(), 2U);
    EXPECT_EQ(temp.muxRanges[1].low, 20U);
    EXPECT_EQ(temp.muxRanges[1].high, 22U);
    EXPECT_EQ(sig(db, "Diag", "Ranged").muxSwitch, "Service");
}

TEST(DbcParser, CrlfGivesTheSameDatabase)
{
    QFile f(pg::test::dataPath("dbc/features.dbc"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QByteArray lf = f.readAll();
    QByteArray crlf = lf;
    crlf.replace("\n", "\r\n");
    const auto a = DbcParser::parse(lf.toStdString(), "lf.dbc", {});
    const auto b = DbcParser::parse(crlf.toStdString(), "crlf.dbc", {});
    ASSERT_TRUE(a && b) << (b ? "" : b.error().toString());
    ASSERT_EQ(a->messages.size(), b->messages.size());
    EXPECT_EQ(b->findMessage("Layout")->comment, a->findMessage("Layout")->comment);
    EXPECT_EQ(sig(*b, "Layout", "Nibble").receivers, sig(*a, "Layout", "Nibble").receivers);
    for (std::size_t i = 0; i < a->messages.size(); ++i)
        EXPECT_EQ(a->messages[i].signalList.size(), b->messages[i].signalList.size());
}

TEST(DbcParser, LoadsTheRealDbcFiles)
{
    struct Expect {
        const char* file;
        std::size_t messages;
    };
    // Message counts from ../shared/data/README.md (Nissan's 30 include
    // VECTOR__INDEPENDENT_SIG_MSG).
    for (const Expect& e : { Expect { "foxbms2.dbc", 41 }, Expect { "tesla_model3.dbc", 148 },
             Expect { "gm_global_a_high_voltage_management.dbc", 12 },
             Expect { "nissan_leaf_aze0_evcan.dbc", 30 } }) {
        const DbcDatabase db
            = loadGood(pg::test::sharedDataPath(QStringLiteral("dbc/") + QLatin1String(e.file)));
        EXPECT_EQ(db.messages.size(), e.messages) << e.file;
        EXPECT_TRUE(db.skipped.empty()) << e.file;
    }
}

TEST(DbcParser, RealFilesKeepTheirLayouts)
{
    const DbcDatabase fox = loadGood(pg::test::sharedDataPath("dbc/foxbms2.dbc"));
    // PROTOCOLS.md §5: 0x220 BmsState at 3|4 Motorola; 0x250 multiplexed by byte 0.
    const DbcMessage* state = fox.findMessage(0x220, false);
    ASSERT_NE(state, nullptr);
    const DbcSignal* bms = state->findSignal("BmsState");
    ASSERT_NE(bms, nullptr);
    EXPECT_EQ(bms->startBit, 3);
    EXPECT_EQ(bms->length, 4);
    EXPECT_EQ(bms->byteOrder, ByteOrder::BigEndian);
    EXPECT_EQ(fox.findMessage(0x220, false)->cycleTimeMs, 100);
    const DbcDatabase leaf = loadGood(pg::test::sharedDataPath("dbc/nissan_leaf_aze0_evcan.dbc"));
    const DbcMessage* pseudo = leaf.findMessage("VECTOR__INDEPENDENT_SIG_MSG");
    ASSERT_NE(pseudo, nullptr);
    EXPECT_TRUE(pseudo->pseudo);
    const DbcSignal* bars = pseudo->findSignal("ChargeBars");
    ASSERT_NE(bars, nullptr);
    EXPECT_NE(bars->comment.find("15 = 12 chargebars"),
        std::string::npos); // multi-line CM_ in a CRLF file
    EXPECT_EQ(bars->comment.find('\r'), std::string::npos);
}

TEST(DbcParser, WarnsAboutSignalsPastTheMessageLength)
{
    // Tesla's ID5D5RearDItemps says DLC 5 but places signals in bytes 5-7 (line 1722 on).
    const DbcDatabase tesla = loadGood(pg::test::sharedDataPath("dbc/tesla_model3.dbc"));
    ASSERT_FALSE(tesla.warnings.empty());
    EXPECT_EQ(tesla.warnings.front().line, 1722);
    EXPECT_EQ(tesla.warnings.front().column, 21);
    EXPECT_NE(tesla.warnings.front().expected.find("ID5D5RearDItemps.DI_lashAngle needs 7"),
        std::string::npos);
    EXPECT_NE(tesla.findMessage("ID5D5RearDItemps")->findSignal("DI_lashAngle"), nullptr);
}
