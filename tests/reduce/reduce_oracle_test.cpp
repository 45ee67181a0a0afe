// Every case of reduce_cases.txt against PyTorch 1.13, run once on one thread and once on
// two (the parallel split paths must give the same answers).
#include "case_runner.h"
#include "ops/parallel.h"

namespace wick::testing {
namespace {

class ReduceOracle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string dir = tempDir("reduce_oracle");
    runPython("k4_reduce.py", {sourcePath("tests/reduce/reduce_cases.txt"), dir});
    cases_ = new std::vector<OracleCase>(readOracleCases(dir));
  }
  static void TearDownTestSuite() {
    delete cases_;
    cases_ = nullptr;
  }
  static void runAll(int threads) {
    int saved = getNumThreads();
    setNumThreads(threads);
    ASSERT_GT(cases_->size(), 100u);
    for (const OracleCase& c : *cases_) {
      std::string failure = runOracleCase(c);
      EXPECT_EQ(failure, "") << c.op << " (" << c.line << ")";
    }
    setNumThreads(saved);
  }
  static std::vector<OracleCase>* cases_;
};
std::vector<OracleCase>* ReduceOracle::cases_ = nullptr;

TEST_F(ReduceOracle, OneThread) { runAll(1); }
TEST_F(ReduceOracle, TwoThreads) { runAll(2); }

}  // namespace
}  // namespace wick::testing
