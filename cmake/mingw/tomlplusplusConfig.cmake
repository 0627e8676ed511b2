# toml++ for the Windows cross build, header-only, from the headers .ci/windows-deps links
# into the prefix (Debian's own CMake files name its Linux library). Its internal
# assertions are off (toml_assertions_off.hpp), as in the release build of the library
# that the Linux build links.
if(NOT TARGET tomlplusplus::tomlplusplus)
  add_library(tomlplusplus::tomlplusplus INTERFACE IMPORTED)
  set_target_properties(tomlplusplus::tomlplusplus PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${CARECAST_WINDOWS_PREFIX}/include"
    INTERFACE_COMPILE_DEFINITIONS "TOML_HEADER_ONLY=1"
    INTERFACE_COMPILE_OPTIONS "SHELL:-include ${CMAKE_CURRENT_LIST_DIR}/toml_assertions_off.hpp")
endif()
