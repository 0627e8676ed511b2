# The Windows release: `cmake --build --preset windows --target package` writes
# carecast-VERSION-windows-x64.zip, one folder holding carecast.exe, the README, the
# example scenarios with the data they cite, the PowerShell completion script and
# SHA256SUMS, the SHA-256 of each of those files (check with `sha256sum -c SHA256SUMS`,
# or Get-FileHash in PowerShell).
install(TARGETS carecast RUNTIME DESTINATION .)
install(FILES README.md CHANGELOG.md ${CMAKE_CURRENT_BINARY_DIR}/carecast.ps1 DESTINATION .)
install(DIRECTORY scenarios data docs DESTINATION .)
# Run last, when every other file is in place.
install(SCRIPT cmake/sha256sums.cmake)

set(CPACK_GENERATOR ZIP)
set(CPACK_PACKAGE_FILE_NAME carecast-${PROJECT_VERSION}-windows-x64)
set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)
include(CPack)
