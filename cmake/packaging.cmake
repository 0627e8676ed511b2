# `cpack -G DEB` (or plain `cpack`) in the build folder packages what `cmake --install`
# installs, under /usr, as carecast_VERSION_amd64.deb; the name and version are the
# project's.
set(CPACK_GENERATOR DEB)
# The Maintainer field.
set(CPACK_PACKAGE_CONTACT
  "carecast maintainers <maintainers@users.noreply.r-seed-ea1e3919.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "budget forecasts and option appraisal for children's services")
# The README's first paragraph, shown below the summary; its lines are kept under 80
# characters, as Debian's tools expect.
set(CPACK_PACKAGE_DESCRIPTION
  "carecast forecasts the budget of a UK local authority's children's services
and compares policy options, month by month and financial year by financial
year. A finance officer writes the assumptions of a budget as a TOML
scenario file; carecast projects each option's cost, sets it against the
approved budget, and writes the result as a table for people or as CSV/JSON
for CI jobs and spreadsheets. Every figure in a scenario carries its source
or is labelled an assumption.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The binary is built with debugging information (RelWithDebInfo); the package's copy
# is stripped of it.
set(CPACK_STRIP_FILES ON)

# DEB-DEFAULT names the file as Debian does, NAME_VERSION_ARCH.deb, rather than CPack's
# NAME-VERSION-Linux.deb.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
# Depends is computed by dpkg-shlibdeps (dpkg-dev) from the libraries the binary links:
# libxlsxwriter, nettle, fmt, toml++, libstdc++ and libc at the versions built against.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

include(CPack)
