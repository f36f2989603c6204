// STYLE.md rule 10: per-sample filter code allocates nothing. The filters run in their own
// process (tests/tools/nomalloc_check.cpp) with Eigen's allocation check armed; the control run
// proves the check fires when an allocation does happen.
#include "test_paths.h"
#include "tool_runner.h"

#include <gtest/gtest.h>

TEST(NoMalloc, EkfAndUkfStepsAllocateNothing)
{
    const pg::test::ToolResult r
        = pg::test::runTool(pg::test::testBinPath(QStringLiteral("nomalloc_check")), {});
    ASSERT_TRUE(r.started) << "nomalloc_check not built";
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.startsWith("ok: 10000 EKF and 10000 UKF steps")) << r.out.toStdString();
}

TEST(NoMalloc, ControlAllocationIsCaught)
{
    const pg::test::ToolResult r = pg::test::runTool(
        pg::test::testBinPath(QStringLiteral("nomalloc_check")), { QStringLiteral("control") });
    ASSERT_TRUE(r.started);
    EXPECT_NE(r.exitCode, 0);
    EXPECT_FALSE(r.out.contains("control allocated"));
    EXPECT_TRUE(r.err.contains("heap allocation is forbidden")) << r.err.toStdString();
}
