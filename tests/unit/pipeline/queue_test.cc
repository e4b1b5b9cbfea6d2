#include "daemon/pipeline/queue.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace newsd::pipeline {
namespace {

TEST(BoundedQueue, TimedOutPushKeepsTheItem) {
  bounded_queue<std::string> q(1);
  std::string first = "first", second = "second item";
  ASSERT_TRUE(q.push(std::move(first), std::chrono::milliseconds(10)));
  // Full: the push times out and the caller still owns its item to retry.
  EXPECT_FALSE(q.push(std::move(second), std::chrono::milliseconds(10)));
  EXPECT_EQ(second, "second item");
  EXPECT_EQ(*q.pop(std::chrono::milliseconds(10)), "first");
  ASSERT_TRUE(q.push(std::move(second), std::chrono::milliseconds(10)));
  EXPECT_EQ(*q.pop(std::chrono::milliseconds(10)), "second item");
}

TEST(BoundedQueue, FullQueueBlocksUntilConsumed) {
  bounded_queue<int> q(2);
  int a = 1, b = 2, c = 3;
  ASSERT_TRUE(q.push(std::move(a), std::chrono::milliseconds(10)));
  ASSERT_TRUE(q.push(std::move(b), std::chrono::milliseconds(10)));
  std::thread consumer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    q.pop(std::chrono::milliseconds(10));
  });
  EXPECT_TRUE(q.push(std::move(c), std::chrono::seconds(5)));
  consumer.join();
  EXPECT_EQ(q.size(), 2u);
}

TEST(BoundedQueue, CloseDrainsThenEnds) {
  bounded_queue<int> q(4);
  int a = 7;
  ASSERT_TRUE(q.push(std::move(a), std::chrono::milliseconds(10)));
  q.close();
  int b = 8;
  EXPECT_FALSE(q.push(std::move(b), std::chrono::milliseconds(10)));
  EXPECT_FALSE(q.closed_and_empty());
  EXPECT_EQ(*q.pop(std::chrono::milliseconds(10)), 7);
  EXPECT_TRUE(q.closed_and_empty());
  EXPECT_FALSE(q.pop(std::chrono::milliseconds(10)).has_value());
}

TEST(BoundedQueue, PopManyTakesAtMostMaxInOrder) {
  bounded_queue<int> q(8);
  for (int i = 0; i < 5; ++i) {
    int v = i;
    ASSERT_TRUE(q.push(std::move(v), std::chrono::milliseconds(10)));
  }
  std::vector<int> out = {-1};
  EXPECT_EQ(q.pop_many(out, 3, std::chrono::milliseconds(10)), 3u);
  EXPECT_EQ(out, (std::vector<int>{-1, 0, 1, 2}));  // appended, in order
  EXPECT_EQ(q.pop_many(out, 10, std::chrono::milliseconds(10)), 2u);
  EXPECT_EQ(out.back(), 4);
  EXPECT_EQ(q.pop_many(out, 10, std::chrono::milliseconds(10)), 0u);  // empty: times out
  EXPECT_EQ(q.pop_many(out, 0, std::chrono::milliseconds(10)), 0u);
}

TEST(BoundedQueue, PopManyWakesABlockedPusher) {
  bounded_queue<int> q(2);
  int a = 1, b = 2, c = 3;
  ASSERT_TRUE(q.push(std::move(a), std::chrono::milliseconds(10)));
  ASSERT_TRUE(q.push(std::move(b), std::chrono::milliseconds(10)));
  std::thread consumer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::vector<int> out;
    q.pop_many(out, 2, std::chrono::milliseconds(10));
  });
  EXPECT_TRUE(q.push(std::move(c), std::chrono::seconds(5)));  // room made by the batch take
  consumer.join();
  EXPECT_EQ(q.size(), 1u);
}

TEST(BoundedQueue, PopManyEndsWhenClosedAndEmpty) {
  bounded_queue<int> q(4);
  int a = 7;
  ASSERT_TRUE(q.push(std::move(a), std::chrono::milliseconds(10)));
  q.close();
  std::vector<int> out;
  EXPECT_EQ(q.pop_many(out, 4, std::chrono::seconds(5)), 1u);
  EXPECT_EQ(q.pop_many(out, 4, std::chrono::seconds(5)), 0u);  // closed: no wait
  EXPECT_TRUE(q.closed_and_empty());
}

}  // namespace
}  // namespace newsd::pipeline
