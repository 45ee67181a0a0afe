// Every dense/NN op against PyTorch 1.13: the cases live in tests/oracle/k3_cases_*.py, one
// file per family; each test below replays one family.
#include "case_file.h"

namespace wick::testing {
namespace {

TEST(NNOpsOracle, Linalg) { runOracleFamily("linalg"); }
TEST(NNOpsOracle, Conv) { runOracleFamily("conv"); }
TEST(NNOpsOracle, Pool) { runOracleFamily("pool"); }
TEST(NNOpsOracle, Norm) { runOracleFamily("norm"); }
TEST(NNOpsOracle, Embedding) { runOracleFamily("embedding"); }
TEST(NNOpsOracle, Upsample) { runOracleFamily("upsample"); }
TEST(NNOpsOracle, Rnn) { runOracleFamily("rnn"); }
TEST(NNOpsOracle, Attention) { runOracleFamily("attention"); }

}  // namespace
}  // namespace wick::testing
