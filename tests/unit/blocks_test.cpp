// Tests of the blocks of draws shared out between threads.

#include "carecast/blocks.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <vector>

using namespace carecast;

TEST_CASE("every draw falls in exactly one block, whatever the number of threads")
{
  // 1000 draws: blocks of k_block_draws and a shorter last one.
  for (const int threads : {1, 2, 5}) {
    std::vector<std::atomic<int>> seen(1000);
    for_each_block(1000, threads, [&](std::int64_t first, std::int64_t count) {
      CHECK(first % k_block_draws == 0);
      CHECK(count <= k_block_draws);
      for (std::int64_t d = first; d < first + count; ++d) {
        ++seen[static_cast<std::size_t>(d)];
      }
    });
    for (const auto& times : seen) {
      CHECK(times == 1);
    }
  }
}

TEST_CASE("every item is worked on exactly once, whatever the number of threads")
{
  for (const int threads : {1, 2, 3}) {
    std::vector<std::atomic<int>> seen(21);
    for_each_item(21, threads, [&](std::int64_t i) { ++seen[static_cast<std::size_t>(i)]; });
    for (const auto& times : seen) {
      CHECK(times == 1);
    }
  }
}

TEST_CASE("a block's exception reaches the caller once every thread has stopped")
{
  std::atomic<int> blocks{0};
  const auto failing = [&](std::int64_t first, std::int64_t) {
    ++blocks;
    if (first == 0) {
      throw std::runtime_error("the first block fails");
    }
  };
  CHECK_THROWS_WITH(for_each_block(10 * k_block_draws, 2, failing), "the first block fails");
  CHECK(blocks >= 1);
}
