# Cross-compiles carecast for 64-bit Windows with Debian's MinGW-w64 (posix threads), against
# the libraries .ci/windows-deps puts in CARECAST_WINDOWS_PREFIX (docs/windows.md). Test
# programs run under Wine through cmake/wine-run.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_AR x86_64-w64-mingw32-gcc-ar-posix)
set(CMAKE_RANLIB x86_64-w64-mingw32-gcc-ranlib-posix)

if(NOT DEFINED CARECAST_WINDOWS_PREFIX)
  if(DEFINED ENV{CARECAST_WINDOWS_PREFIX})
    set(CARECAST_WINDOWS_PREFIX "$ENV{CARECAST_WINDOWS_PREFIX}")
  else()
    set(CARECAST_WINDOWS_PREFIX "$ENV{HOME}/.cache/carecast/mingw-w64")
  endif()
endif()
# Passed on to the compiler checks CMake runs in their own projects.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES CARECAST_WINDOWS_PREFIX)

# Libraries and headers come from MinGW's own folder and the prefix only; programs (the
# compilers, pkg-config, help2man) from the build machine.
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32 ${CARECAST_WINDOWS_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(ENV{PKG_CONFIG_LIBDIR} "${CARECAST_WINDOWS_PREFIX}/lib/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")
set(tomlplusplus_DIR "${CMAKE_CURRENT_LIST_DIR}/mingw")
set(doctest_DIR "${CMAKE_CURRENT_LIST_DIR}/mingw")

set(CMAKE_CROSSCOMPILING_EMULATOR "${CMAKE_CURRENT_LIST_DIR}/wine-run")
