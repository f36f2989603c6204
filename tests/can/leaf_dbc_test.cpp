// resources/dbc/nissan_leaf_lbc.dbc (written for PackGrade from PROTOCOLS.md 8) against the
// community Leaf DBC (dalathegreat/leaf_can_bus_messages, GPL-3.0, test input only, read from
// shared/data): the same random frames must give the same physical values for every signal the
// nissan-leaf-lbc profile maps. The community file is the independent truth here.
#include "can/dbc_decoder.h"
#include "can/dbc_parser.h"
#include "test_paths.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <random>

using namespace pg::can;

namespace {

struct Pair {
    const char* ours; // "Message.Signal" in nissan_leaf_lbc.dbc
    const char* theirs; // "Message.Signal" in nissan_leaf_aze0_evcan.dbc
    double theirScale; // ours = theirs x theirScale (the community DBC keeps SoC in raw units)
};

const Pair kPairs[] = {
    { "LBC_Status.PackCurrent", "x1DB.LB_Current", 1.0 },
    { "LBC_Status.PackVoltage", "x1DB.LB_Total_Voltage", 1.0 },
    { "LBC_Status.FailsafeStatus", "x1DB.LB_Failsafe_Status", 1.0 },
    { "LBC_Status.Crc", "x1DB.CRC_1DB", 1.0 },
    { "LBC_Soc.Soc", "x55B.LB_SOC", 0.1 },
    { "LBC_Soc.Crc", "x55B.CRC_55B", 1.0 },
    { "LBC_Capacity.RemainingGids", "x5BC.LB_Remain_Capacity_GIDS", 1.0 },
    { "LBC_Capacity.Soh", "x5BC.LB_Capacity_Deterioration_Rate", 1.0 },
    { "LBC_Capacity.MaxGidsFlag", "x5BC.LB_MaxGIDS", 1.0 },
    { "LBC_History.TroubleCode", "x5C0.LB_Diagnosis_Trouble_Code", 1.0 },
};

DbcDatabase loadOrFail(const QString& path)
{
    auto db = DbcParser::load(path.toStdString(), {});
    EXPECT_TRUE(db.has_value()) << (db ? "" : db.error().toString());
    return db ? std::move(*db) : DbcDatabase {};
}

// The physical value of "Message.Signal" in `frame`, or NaN when the frame does not carry it.
double valueOf(const DbcDecoder& d, const std::string& qualified, const CanFrame& frame)
{
    const std::string message = qualified.substr(0, qualified.find('.'));
    const std::string signal = qualified.substr(qualified.find('.') + 1);
    const DbcMessage* m = d.database().findMessage(message);
    const DbcSignal* s = m != nullptr ? m->findSignal(signal) : nullptr;
    EXPECT_NE(s, nullptr) << qualified;
    std::vector<DecodedSignal> out;
    d.decode(frame, out);
    for (const DecodedSignal& v : out) {
        if (s != nullptr && v.signal == static_cast<std::uint32_t>(s - m->signalList.data()))
            return v.value;
    }
    return std::numeric_limits<double>::quiet_NaN();
}

} // namespace

TEST(LeafDbc, OwnDbcDecodesLikeTheCommunityDbc)
{
    const DbcDatabase ours = loadOrFail(QStringLiteral(RESOURCES_DIR "/dbc/nissan_leaf_lbc.dbc"));
    const DbcDatabase theirs
        = loadOrFail(pg::test::sharedDataPath(QStringLiteral("dbc/nissan_leaf_aze0_evcan.dbc")));
    const DbcDecoder a(ours);
    const DbcDecoder b(theirs);
    std::mt19937 rng(4);
    int compared = 0;
    for (const Pair& p : kPairs) {
        const DbcMessage* m
            = ours.findMessage(std::string(p.ours).substr(0, std::string(p.ours).find('.')));
        ASSERT_NE(m, nullptr) << p.ours;
        for (int k = 0; k < 200; ++k) {
            CanFrame f;
            f.id = m->id;
            f.len = 8;
            for (int i = 0; i < 8; ++i)
                f.data[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(rng() & 0xFF);
            const double mine = valueOf(a, p.ours, f);
            const double truth = valueOf(b, p.theirs, f) * p.theirScale;
            ASSERT_FALSE(std::isnan(truth)) << p.theirs;
            ASSERT_NEAR(mine, truth, 1e-9 * std::max(1.0, std::abs(truth)))
                << p.ours << " vs " << p.theirs << " frame " << k;
            ++compared;
        }
    }
    EXPECT_EQ(compared, 200 * static_cast<int>(std::size(kPairs)));
}

TEST(LeafDbc, IdsAndLengthsMatchTheCommunityDbc)
{
    const DbcDatabase ours = loadOrFail(QStringLiteral(RESOURCES_DIR "/dbc/nissan_leaf_lbc.dbc"));
    const DbcDatabase theirs
        = loadOrFail(pg::test::sharedDataPath(QStringLiteral("dbc/nissan_leaf_aze0_evcan.dbc")));
    for (const DbcMessage& m : ours.messages) {
        const DbcMessage* t = theirs.findMessage(m.id, m.extended);
        ASSERT_NE(t, nullptr) << m.name;
        EXPECT_EQ(m.length, t->length) << m.name;
    }
}
