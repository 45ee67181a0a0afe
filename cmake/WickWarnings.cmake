# Warning, architecture and sanitizer flags shared by every wick target.
add_library(wick_options INTERFACE)
target_compile_options(wick_options INTERFACE -Wall -Wextra)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports false positives for std::string and std::vector code at -O2/-O3
  # (GCC bugs 105329, 105651, and maybe-uninitialized through std::optional); these warnings are left to clang.
  target_compile_options(wick_options INTERFACE -Wno-restrict -Wno-array-bounds -Wno-stringop-overflow
    -Wno-maybe-uninitialized)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  # Kernel lambdas capture values that only some of their `if constexpr` dtype branches use;
  # clang reports the capture as unused for each instantiation whose branch does not.
  target_compile_options(wick_options INTERFACE -Wno-unused-lambda-capture)
endif()
if(WICK_WERROR)
  target_compile_options(wick_options INTERFACE -Werror)
endif()
if(WICK_NATIVE)
  target_compile_options(wick_options INTERFACE -march=native)
endif()
if(WICK_SANITIZE)
  target_compile_options(wick_options INTERFACE -fsanitize=${WICK_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(wick_options INTERFACE -fsanitize=${WICK_SANITIZE})
endif()
