#pragma once
// The second verification tier's store: for every indexed article, 4 bits per
// shingle of its kept text (of the shingle hash), in text order, two a byte. Read back
// only for the rare borderline candidate, so it lives outside the in-memory window
// budget: append-only files, one per time bucket, deleted with the bucket.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"

namespace newsd::dedup {

class text_archive {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  text_archive() = default;
  ~text_archive();
  text_archive(const text_archive&) = delete;
  text_archive& operator=(const text_archive&) = delete;

  // Files under `dir` (created; files left by a previous run are kept and read when
  // they were written with the same `bucket_ms`, deleted otherwise: their numbers
  // would name other hours). An error when the directory cannot be written.
  status open_dir(const std::string& dir, int64_t bucket_ms);
  // In memory, unbounded by the disk: for tools and tests.
  void open_memory();
  bool enabled() const { return mode_ != mode::off; }

  // Appends a record; returns its offset in the bucket, kNone when it cannot.
  uint32_t append(int64_t bucket, uint64_t key, const uint8_t* p, uint32_t n);
  // The record at `off` of `bucket`, if it is there and belongs to `key`.
  bool read(int64_t bucket, uint32_t off, uint64_t key, std::vector<uint8_t>& out);
  // Writes the buffered records to their files (false: a write failed; those records
  // are lost and will not be read: the file is cut back to its size before the write,
  // or, if that fails too, its bucket takes no more records).
  bool flush();
  // flush(), then forces every file written since the last sync to disk. Buckets
  // whose write or sync failed answer false to durable() until they are dropped.
  bool sync();
  // Whether the records of `bucket` written so far can be relied on after a crash
  // (after sync(); always true in memory).
  bool durable(int64_t bucket) const;
  // Deletes every bucket (files included).
  void clear();
  // Drops every bucket before `bucket`.
  void drop_before(int64_t bucket);
  // Write buffers and bookkeeping (file mode), or everything (memory mode).
  size_t memory_bytes() const;
  // Bytes held on disk or in memory by the records.
  uint64_t stored_bytes() const;
  // Failed writes, truncations and syncs since the archive was opened.
  uint64_t write_failures() const { return write_failures_; }

 private:
  enum class mode { off, memory, files };
  struct bucket_store {
    int fd = -1;          // files mode
    std::string mem;      // memory mode
    uint64_t size = 0;    // records written or buffered
    bool dirty = false;   // written since the last sync
    bool failed = false;  // a write or sync failed: not durable
    bool sealed = false;  // its end on disk is unknown: no more appends
  };
  bucket_store* get(int64_t bucket, bool create);
  std::string path_of(int64_t bucket) const;
  void close(bucket_store& b);
  void close_all();
  void failed(const char* what, int64_t bucket, int err);

  mode mode_ = mode::off;
  std::string dir_;
  std::map<int64_t, bucket_store> buckets_;
  // Files mode: the records not yet written, all of one bucket (articles come nearly
  // in time order): one write() per 256 KB, not per article.
  std::vector<uint8_t> pending_;
  int64_t pending_bucket_ = 0;
  uint64_t write_failures_ = 0;
};

// Share of the shorter of two shingle sequences (a value a byte) that lies in common runs of at
// least `min_run` shingles (the same text at the same relative place in both): a
// copy keeps long stretches of its source whole; two articles written from one
// source share shorter, reworded stretches. Bounded work on repetitive input: a seed
// repeated in b is tried at its kMaxSeedTries places nearest the diagonal only, and
// extension stops (the share found so far returned) after ~kWorkPerValue steps per
// value of a and b. `work`, when given, receives the steps taken (for tests).
inline constexpr size_t kMaxSeedTries = 16;
inline constexpr size_t kWorkPerValue = 64;
double aligned_share(const uint8_t* a, size_t na, const uint8_t* b, size_t nb, uint32_t min_run,
                     uint64_t* work = nullptr);

}  // namespace newsd::dedup
