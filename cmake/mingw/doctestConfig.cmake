# doctest for the Windows cross build, from the headers .ci/windows-deps links into the
# prefix (Debian's own CMake files name /usr/include), with Debian's doctest.cmake for
# include(doctest).
if(NOT TARGET doctest::doctest)
  add_library(doctest::doctest INTERFACE IMPORTED)
  set_target_properties(doctest::doctest PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${CARECAST_WINDOWS_PREFIX}/include")
endif()
list(APPEND CMAKE_MODULE_PATH /usr/lib/cmake/doctest)
