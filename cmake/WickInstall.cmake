# Installs libwick, its public headers and a CMake package: find_package(wick) gives wick::wick.
include(CMakePackageConfigHelpers)
# wick's public headers use C++20 (concepts, requires-clauses), so consumers compile with it.
target_compile_features(wick INTERFACE cxx_std_20)
install(TARGETS wick EXPORT wickTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The installed tool finds the installed libwick, wherever the prefix is.
set_target_properties(wick_cli PROPERTIES INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
install(TARGETS wick_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY include/wick DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT wickTargets NAMESPACE wick:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/wick)
configure_package_config_file(cmake/wickConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/wickConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/wick)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/wickConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/wickConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/wickConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/wick)
