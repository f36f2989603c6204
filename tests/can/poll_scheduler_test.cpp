// PollScheduler: the Nissan Leaf group queries run as data through the DiagnosticClient seam (a
// fake ECU here until the ISO-TP/UDS client lands): periods, one request per ECU at a time,
// response-prefix check, decoding into cell voltages.
#include "can/poll_scheduler.h"

#include <gtest/gtest.h>

using namespace pg::can;

namespace {

// Answers G02 with 96 cells at 3.800 + i mV; holds replies until release() to model latency.
class FakeLbc : public DiagnosticClient {
public:
    void request(const UdsPoll& poll, Reply reply) override
    {
        requests.push_back(poll.name);
        pending.push_back({ poll, std::move(reply) });
    }
    void release()
    {
        auto now = std::move(pending);
        pending.clear();
        for (auto& [poll, reply] : now) {
            if (poll.name == "G04") {
                reply(tl::unexpected(std::string("timeout (N_Bs)")));
                continue;
            }
            std::vector<std::uint8_t> answer = poll.responsePrefix;
            if (poll.name == "G02") {
                for (int i = 0; i < 96; ++i) {
                    answer.push_back(static_cast<std::uint8_t>((3800 + i) >> 8));
                    answer.push_back(static_cast<std::uint8_t>((3800 + i) & 0xFF));
                }
            } else {
                answer[0] = 0x7F; // negative response instead of 61 01
            }
            reply(answer);
        }
    }
    std::vector<std::string> requests;
    std::vector<std::pair<UdsPoll, Reply>> pending;
};

} // namespace

TEST(ProfilePolls, LeafGroupQueriesRunThroughTheDiagnosticSeam)
{
    auto d = ProfileDecoder::load("nissan-leaf-lbc");
    ASSERT_TRUE(d.has_value()) << d.error().toString();
    FakeLbc lbc;
    PollScheduler s(*d, lbc);
    s.tick(0);
    ASSERT_EQ(lbc.requests.size(), 1U) << "one outstanding request per ECU (0x79B)";
    EXPECT_EQ(lbc.requests[0], "G01");
    lbc.release();
    s.tick(1000);
    s.tick(2000); // G02 (sent at 1000 us) is still unanswered: G04 waits for the ECU
    lbc.release();
    s.tick(3000);
    lbc.release();
    EXPECT_EQ(lbc.requests, (std::vector<std::string> { "G01", "G02", "G04" }));
    const std::vector<FieldValue> values = s.takeValues();
    ASSERT_EQ(values.size(), 96U);
    EXPECT_EQ(values[0].field, SnapshotField::CellVoltage);
    EXPECT_DOUBLE_EQ(values[0].value, 3.800);
    EXPECT_EQ(values[95].index, 95);
    EXPECT_DOUBLE_EQ(values[95].value, 3.895);
    const std::vector<std::string> errors = s.takeErrors();
    ASSERT_EQ(errors.size(), 2U);
    EXPECT_NE(errors[0].find("G01"), std::string::npos);
    EXPECT_NE(errors[1].find("timeout"), std::string::npos);
    // Periods (times in us): G02 (2 s) is due again at 1000 + 2e6, G01 (5 s) at 5e6.
    s.tick(1'500'000);
    EXPECT_EQ(lbc.requests.size(), 3U);
    s.tick(2'100'000);
    ASSERT_EQ(lbc.requests.size(), 4U);
    EXPECT_EQ(lbc.requests.back(), "G02");
}
