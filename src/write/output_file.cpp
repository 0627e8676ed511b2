#include "carecast/writers.hpp"

#include <fmt/format.h>
#include <fstream>
#include <system_error>
#include <unistd.h>

namespace carecast {

void write_file_atomically(const std::filesystem::path& path, const std::string& content)
{
  std::filesystem::path temporary = path;
  temporary += fmt::format(".tmp{}", static_cast<long>(::getpid()));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw Error(fmt::format("cannot write '{}'", path.string()));
    }
  }
  std::error_code failure;
  std::filesystem::rename(temporary, path, failure);
  if (failure) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw Error(fmt::format("cannot write '{}': {}", path.string(), failure.message()));
  }
}

} // namespace carecast
