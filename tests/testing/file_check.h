// A small FileCheck (after LLVM's and PyTorch's) for IR tests: directives in a check text are
// matched in order against an input text, usually a printed graph.
//
//   CHECK: pattern          the pattern occurs after the previous match
//   CHECK-NEXT: pattern     ... on the line right after the previous match's line
//   CHECK-SAME: pattern     ... on the same line as the previous match, after it
//   CHECK-NOT: pattern      does not occur between the previous match and the next one (or the
//                           end of the input)
//   CHECK-COUNT-3: pattern  occurs 3 times in a row after the previous match, and not a 4th
//                           time before the next match (or the end)
//   CHECK-DAG: pattern      a run of CHECK-DAG lines matches in any order, without overlapping,
//                           after the previous match
//
// Patterns are literal text with two escapes: {{regex}} matches an ECMAScript regex, and
// [[NAME:regex]] captures what the regex matched, which a later [[NAME]] must repeat
// (`%[[X:[0-9]+]] : int` ... `aten::mul(%[[X]], ...)`). Leading and trailing spaces of a
// pattern are ignored. Directives are found anywhere in a line ("# CHECK: ...").
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace wick::testing {

// Success, or a failure naming the directive (with its line in `checks`) and showing where in
// the input matching stopped.
::testing::AssertionResult fileCheck(std::string_view checks, std::string_view input);

// True if `text` holds at least one directive.
bool hasCheckDirectives(std::string_view text);

}  // namespace wick::testing
