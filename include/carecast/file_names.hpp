#pragma once

// File names as carecast holds them, UTF-8 text as given on the command line or written
// in a scenario, and as the system takes them.

#include <filesystem>
#include <string>
#include <string_view>

namespace carecast {

// The file `text` (UTF-8) names. On Windows a std::string would be read in the ANSI code
// page; this reads it as UTF-8, so that any file name works.
std::filesystem::path file_path(std::string_view text);

// The file `relative` (written in the file `file`, as `extends` is) names: `relative`
// joined to `file`'s folder unless it is absolute, a backslash in it read as a folder
// separator on every system, `.` and `..` folded away, and spelled with the separator
// `file` is written with, so that messages name it as the user would.
std::string file_beside(std::string_view file, std::string_view relative);

} // namespace carecast
