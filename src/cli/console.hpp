// The console carecast runs in, the same way on Linux and Windows: its arguments, whether
// its output streams are terminals, their width and colour.
#pragma once

#include <string>
#include <vector>

namespace carecast::cli {

// Readies standard output and error before anything is written: on Windows, bytes go out
// as written (UTF-8, "\n" line ends, as on Linux) and the console shows UTF-8 and, when it
// can, colour (virtual-terminal processing).
void prepare_console();

// The command line's arguments as UTF-8 (on Windows read again as UTF-16, so that any
// character of a file name survives the ANSI code page).
std::vector<std::string> utf8_arguments(int argc, char** argv);

bool stdout_is_terminal();
bool stderr_is_terminal();

// Standard output's terminal width in columns; 0 when it is not a terminal.
int terminal_columns();

// Whether the terminal shows ANSI colour (on Windows, when virtual-terminal processing
// could be turned on).
bool terminal_shows_colour();

} // namespace carecast::cli
