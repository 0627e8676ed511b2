#pragma once

// TOML as carecast writes it in the fragments a scenario takes in (calibrate's fitted
// values, outturn's known base year): strings and keys quoted as the format needs.

#include <string>
#include <string_view>

namespace carecast {

// A TOML basic string: quoted, with backslashes, quotes and control characters escaped.
std::string toml_string(std::string_view text);

// A key as TOML takes it: bare when it is letters, digits, '_' and '-' only, quoted
// otherwise.
std::string toml_key(std::string_view key);

// Text for a TOML comment: each control character (a newline would end the comment)
// replaced by a space.
std::string toml_comment_text(std::string_view text);

} // namespace carecast
