#include <iostream>

#include "wick/wick.h"

int main() {
  std::cout << "wick\n";
  return 0;
}
