// Built with -mavx2 -ffp-contract=off (CMakeLists.txt): called only where
// kernels::available() lists it.

#include "carecast/kernels.hpp"

namespace carecast::kernels {
namespace {

#include "kernel_loops.hpp"

} // namespace

// Thirty-two draws of the step in registers: eight AVX2 vectors.
const Table k_avx2 = table<4, 8>("avx2");

} // namespace carecast::kernels
