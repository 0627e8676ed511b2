#include "carecast/kernels.hpp"

namespace carecast::kernels {
namespace {

#include "kernel_loops.hpp"

// Which version runs: the widest this processor (and its operating system, which
// must save the wider registers) supports. __builtin_cpu_supports checks both.
const Table& widest()
{
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) {
    return k_avx512;
  }
  if (__builtin_cpu_supports("avx2")) {
    return k_avx2;
  }
  return k_baseline;
}

} // namespace

// Sixteen draws of the step in registers: eight SSE2 vectors.
const Table k_baseline = table<2, 8>("baseline");

namespace {

// The version in use, chosen when first needed.
const Table*& in_use()
{
  static const Table* table = &widest();
  return table;
}

} // namespace

const Table& active()
{
  return *in_use();
}

const Table& use(const Table& table)
{
  const Table& replaced = *in_use();
  in_use() = &table;
  return replaced;
}

std::vector<const Table*> available()
{
  static const std::vector<const Table*> tables = [] {
    const Table& top = widest();
    std::vector<const Table*> runnable{&k_baseline};
    if (&top != &k_baseline) {
      runnable.push_back(&k_avx2);
    }
    if (&top == &k_avx512) {
      runnable.push_back(&k_avx512);
    }
    return runnable;
  }();
  return tables;
}

} // namespace carecast::kernels
