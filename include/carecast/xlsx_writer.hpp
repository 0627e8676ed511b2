#pragma once

// Excel workbooks: the figures as numbers with number formats, totals and comparisons
// as formulas, frozen header rows, native charts, and every sheet set up to print
// landscape one page wide; written with libxlsxwriter.

#include "carecast/provenance.hpp"
#include "carecast/workbook.hpp"

#include <filesystem>

namespace carecast {

// Writes the workbook's sheets (workbook.hpp lists them) and a Provenance sheet of
// `provenance` to the file `path`, which write_output has made private to this write
// of `target`; Error naming `target` when it cannot.
void write_xlsx(const std::filesystem::path& path, const std::filesystem::path& target,
                const Workbook& workbook, const RunProvenance& provenance);

} // namespace carecast
