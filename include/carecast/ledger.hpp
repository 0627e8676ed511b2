#pragma once

// Reads a ledger's actuals by period, as a council's finance system exports them for
// budget monitoring: what was posted to each cost code in each period (month) of a
// financial year, period 1 being April, with what is committed but not yet paid, and
// the children in each placement type at a period's end (docs/outturn.md). Each
// problem is reported at the cell that has it; rows with a problem are left out.

#include "carecast/calendar.hpp"
#include "carecast/diagnostic.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace carecast {

// A row of the ledger: a code's amount, or a placement type's children.
struct LedgerEntry
{
  FinancialYear year;
  int period = 0; // 1 (April) to 12 (March)
  std::string code;
  double amount = 0.0; // posted in the period; a credit is negative
  std::string description;
  SourcePos pos;          // the row's first cell
  double committed = 0.0; // ordered but not yet paid, at the period's end
  // A count row names a placement type (and no code): its children at the period's end.
  std::string placement;
  double children = 0.0;

  bool is_count() const { return !placement.empty(); }
};

struct LedgerResult
{
  std::vector<LedgerEntry> entries; // in the file's order, without the rows that have problems
  std::vector<Diagnostic> diagnostics;
  SourceFiles sources;
  std::vector<Diagnostic> warnings; // the CSV file's (csv_table.hpp)
};

LedgerResult read_ledger_file(const std::filesystem::path& path);
// The same from text in memory; `file_name` names it in diagnostics.
LedgerResult read_ledger_text(std::string text, const std::string& file_name);

} // namespace carecast
