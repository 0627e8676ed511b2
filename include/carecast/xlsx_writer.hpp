#pragma once

// Excel workbooks: the figures as numbers with £m formats, frozen header rows, and
// native charts, written with libxlsxwriter.

#include "carecast/explain_report.hpp"
#include "carecast/outturn.hpp"
#include "carecast/provenance.hpp"
#include "carecast/workbook.hpp"

#include <filesystem>

namespace carecast {

// Writes the workbook's sheets (workbook.hpp lists them) and a Provenance sheet of
// `provenance` to the file `path`, which write_output has made private to this write
// of `target`; Error naming `target` when it cannot.
void write_xlsx(const std::filesystem::path& path, const std::filesystem::path& target,
                const Workbook& workbook, const RunProvenance& provenance);

// Writes an explanation, a bridge above all, as a Bridge sheet (its terms with their
// keys, places and sources, and a waterfall chart of them) and a Provenance sheet, as
// the workbook above.
void write_xlsx(const std::filesystem::path& path, const std::filesystem::path& target,
                const ExplainReport& report, const RunProvenance& provenance);

// Writes budget monitoring as a Monitoring sheet (the lines' forecast outturn against
// budget with their RAG, the methods, and the forecast by period with a chart of the
// year's spend) and a Provenance sheet, as the workbook above.
void write_xlsx(const std::filesystem::path& path, const std::filesystem::path& target,
                const Outturn& outturn, const RunProvenance& provenance);

} // namespace carecast
