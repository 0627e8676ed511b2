#pragma once

// The one way out of carecast: a result, a format and a destination. Every command's
// result is written through write_output, which picks the writer for the content and
// format, and commits the text (or workbook) to a file or standard output whole or
// not at all.

#include "carecast/backtest.hpp"
#include "carecast/batch.hpp"
#include "carecast/calibrate.hpp"
#include "carecast/diff.hpp"
#include "carecast/explain_report.hpp"
#include "carecast/outturn.hpp"
#include "carecast/params.hpp"
#include "carecast/provenance.hpp"
#include "carecast/report.hpp"
#include "carecast/sensitivity_report.hpp"
#include "carecast/simulation_report.hpp"
#include "carecast/sobol_report.hpp"
#include "carecast/terminal_chart.hpp"
#include "carecast/validate_report.hpp"
#include "carecast/workbook.hpp"

#include <array>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace carecast {

enum class Format { table, csv, json, xlsx };
// Every format, in the order --format lists them.
inline constexpr std::array<Format, 4> k_formats{Format::table, Format::csv, Format::json,
                                                 Format::xlsx};

// "table", "csv", "json", "xlsx".
std::string_view format_name(Format format);
// The format named `name` exactly as format_name gives it; nullopt for any other.
std::optional<Format> format_named(std::string_view name);
// The format a file name's extension implies: .csv, .json or .xlsx in any case; nullopt
// for any other name.
std::optional<Format> format_of(const std::filesystem::path& path);

// What can be written. A Workbook is written only as xlsx, and every other result in
// each format it has writers for (all have CSV; the batch summary has JSON too, and no
// table).
using Content =
  std::variant<const Report*, const ScenarioDiff*, const ExplainReport*, const Backtest*,
               const ParameterList*, const SimulationReport*, const SensitivityReport*,
               const SobolReport*, const CalibrationReport*, const BatchSummary*, const Workbook*,
               const Outturn*, const ValidationReport*>;

struct Destination
{
  std::filesystem::path path;   // empty: standard output
  ChartStyle charts;            // the table format's charts
  bool byte_order_mark = false; // CSV only: starts with UTF-8's byte-order mark, for Excel
};

// UTF-8's byte-order mark, EF BB BF: Excel reads a CSV that starts with it as UTF-8.
inline constexpr std::string_view k_byte_order_mark = "\xEF\xBB\xBF";

// Writes `content` in `format` to `destination`. JSON starts with the schema version and
// `provenance` (with_head), and a CSV written to a file gets them as FILE.meta.json, with
// the SHA-256 of the CSV's bytes (its byte-order mark included), committed together with
// the CSV (write_files). A workbook needs a file. Throws Error when the output cannot be
// written, with the system's reason, and std::logic_error for a content and format
// without a writer, or a byte-order mark on another format than CSV (a mistake in the
// caller).
void write_output(Content content, Format format, const Destination& destination,
                  const RunProvenance& provenance);

// One file of an output: its bytes, or `make`, which writes the file at the path it is
// given (for a library that opens files by name).
struct OutputFile
{
  std::filesystem::path path;
  std::string bytes;
  std::function<void(const std::filesystem::path&)> make;
};

// Writes `files`, all in one folder, so that a failure leaves every target as it was:
// each is written whole to a temporary file beside its target (created exclusively,
// never through a symlink, with an unpredictable name; for `make`, a private temporary
// folder), and only when all are written are they renamed over their targets, together,
// under an exclusive lock on the folder, so that concurrent runs writing the same files
// leave the files of one run. A replaced file keeps its mode; a new one gets 0666 less
// the umask. A target that is a directory is refused. A target that is not a regular
// file (a device, a FIFO, a file descriptor's path such as /dev/stdout) is written in
// place instead (writes_in_place). Throws Error with the system's reason.
void write_files(const std::vector<OutputFile>& files);
// One file, as write_files.
void write_file_atomically(const std::filesystem::path& path, const std::string& bytes);

// Whether write_files writes `path` in place: an existing target that is not a regular
// file, a directory or a symlink (a device, a FIFO, a socket), or a process's file
// descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N).
bool writes_in_place(const std::filesystem::path& path);

// Thrown by write_to_stdout when the reader of standard output has gone (a closed pipe,
// as `| head` makes): the run ends quietly and successfully.
struct StandardOutputClosed
{
};

// Writes `text` to standard output, all of it; Error with the system's reason when it
// cannot, StandardOutputClosed when the pipe is closed.
void write_to_stdout(std::string_view text);

// Prepares the process for writing outputs safely: SIGINT, SIGTERM and SIGHUP remove
// the temporary files being written before the process dies of them (signals ignored
// when carecast starts stay ignored), so an interrupted run leaves no partial file and
// the previous output as it was; SIGPIPE and SIGXFSZ are ignored, so that a closed pipe
// and a file-size limit are write errors carecast reports, not deaths. Reads the umask
// once, for new files' modes. Call once, first thing in main.
void prepare_output();

} // namespace carecast
