#include "can/candump_format.h"

#include <gtest/gtest.h>

using namespace pg::can;

TEST(CandumpFormat, ParsesClassicFrame)
{
    CanFrame f;
    CandumpParse r;
    ASSERT_TRUE(parseCandumpLine("(1436509052.249713) vcan0 044#2A366C2BBA", f, r));
    EXPECT_EQ(f.timeUs, 1436509052249713LL);
    EXPECT_EQ(f.id, 0x44U);
    EXPECT_EQ(f.len, 5);
    EXPECT_EQ(f.data[0], 0x2A);
    EXPECT_EQ(f.data[4], 0xBA);
    EXPECT_EQ(r.iface, "vcan0");
}
