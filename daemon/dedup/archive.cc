#include "daemon/dedup/archive.h"

#include <fcntl.h>
#include <unistd.h>

#include <xxhash.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "common/log.h"

namespace newsd::dedup {
namespace {

// 16 bytes: the article's id hash, the record's length and a checksum of both and of
// the payload (written whole: no padding). The checksum is what refuses a record cut
// short by a crash or a failed write whose header survived: the bytes after it then
// belong to later records, and key and length alone would still match.
struct record_head {
  uint64_t key;
  uint32_t n;
  uint32_t check;
};
static_assert(sizeof(record_head) == 16);
constexpr uint32_t kMaxRecord = 1u << 24;

uint32_t checksum(uint64_t key, uint32_t n, const uint8_t* p) {
  uint8_t kn[12];
  std::memcpy(kn, &key, 8);
  std::memcpy(kn + 8, &n, 4);
  return XXH32(p, n, XXH32(kn, sizeof kn, 0x61726331u));
}

// The bucket length the file numbers were written with: a file of another length names
// another hour and could never be dropped in turn.
constexpr const char* kMarker = "bucket_ms";

int64_t read_marker(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) return -1;
  long long v = -1;
  if (std::fscanf(f, "%lld", &v) != 1) v = -1;
  std::fclose(f);
  return v;
}

// Written through a temporary and a rename: also the check that the directory takes writes.
bool write_marker(const std::string& dir, int64_t bucket_ms) {
  const std::string tmp = dir + "/" + kMarker + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  const std::string text = std::to_string(bucket_ms) + "\n";
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  return ok && std::rename(tmp.c_str(), (dir + "/" + kMarker).c_str()) == 0;
}

}  // namespace

text_archive::~text_archive() { close_all(); }

void text_archive::close(bucket_store& b) {
  if (b.fd >= 0) ::close(b.fd);
  b.fd = -1;
}

void text_archive::close_all() {
  (void)flush();
  for (auto& [b, s] : buckets_) close(s);
  buckets_.clear();
}

void text_archive::failed(const char* what, int64_t bucket, int err) {
  ++write_failures_;
  log::warn("dedup", std::string("dedup archive: ") + what + " failed, second tier loses records",
            "bucket=" + std::to_string(bucket) + " error=\"" + std::strerror(err) + "\"");
}

status text_archive::open_dir(const std::string& dir, int64_t bucket_ms) {
  close_all();
  mode_ = mode::off;
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return make_error(errc::io, "dedup archive " + dir + ": " + ec.message());
  const bool keep = read_marker(dir + "/" + kMarker) == bucket_ms;
  // Buckets left by the previous run: known, so that they are dropped in turn (or
  // deleted now, written with another bucket length). An entry that cannot be read is
  // skipped: its file is reopened if its bucket comes back.
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() < 6 || name[0] != 'b' || !name.ends_with(".arc")) continue;
    char* end = nullptr;
    const long long b = std::strtoll(name.c_str() + 1, &end, 10);
    if (end == nullptr || std::string_view(end) != ".arc") continue;
    std::error_code fec;
    if (!keep) {
      fs::remove(it->path(), fec);
      continue;
    }
    const uintmax_t size = it->file_size(fec);
    if (fec) continue;
    buckets_[b].size = size;
  }
  if (!write_marker(dir, bucket_ms)) {
    const int err = errno;
    buckets_.clear();
    return make_error(errc::io, "dedup archive " + dir + ": not writable: " + std::strerror(err));
  }
  dir_ = dir;
  mode_ = mode::files;
  return ok_status();
}

void text_archive::open_memory() {
  close_all();
  mode_ = mode::memory;
}

void text_archive::clear() {
  const int64_t last = buckets_.empty() ? 0 : buckets_.rbegin()->first;
  if (!buckets_.empty()) drop_before(last + 1);
  pending_.clear();
}

std::string text_archive::path_of(int64_t bucket) const {
  return dir_ + "/b" + std::to_string(bucket) + ".arc";
}

text_archive::bucket_store* text_archive::get(int64_t bucket, bool create) {
  auto it = buckets_.find(bucket);
  if (it == buckets_.end()) {
    if (!create) return nullptr;
    it = buckets_.emplace(bucket, bucket_store{}).first;
  }
  bucket_store& s = it->second;
  if (mode_ == mode::files && s.fd < 0) {
    s.fd = ::open(path_of(bucket).c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (s.fd < 0) return nullptr;
    // A record cut short by a crash would shift every later offset: the size on disk is
    // where the next record goes (the torn one fails its checksum).
    const off_t end = ::lseek(s.fd, 0, SEEK_END);
    if (end < 0) {
      close(s);
      return nullptr;
    }
    s.size = static_cast<uint64_t>(end);
  }
  return &s;
}

uint32_t text_archive::append(int64_t bucket, uint64_t key, const uint8_t* p, uint32_t n) {
  if (mode_ == mode::off || n > kMaxRecord) return kNone;
  if (mode_ == mode::files && !pending_.empty() &&
      (pending_bucket_ != bucket || pending_.size() >= (256u << 10))) {
    (void)flush();  // a failed write loses those records only: they fail their check
  }
  bucket_store* s = get(bucket, true);
  if (s == nullptr || s->sealed || s->size + sizeof(record_head) + n >= kNone) return kNone;
  const record_head h{key, n, checksum(key, n, p)};
  const auto off = static_cast<uint32_t>(s->size);
  const auto* hp = reinterpret_cast<const uint8_t*>(&h);
  if (mode_ == mode::memory) {
    s->mem.append(reinterpret_cast<const char*>(hp), sizeof h);
    s->mem.append(reinterpret_cast<const char*>(p), n);
  } else {
    pending_bucket_ = bucket;
    pending_.insert(pending_.end(), hp, hp + sizeof h);
    pending_.insert(pending_.end(), p, p + n);
  }
  s->size += sizeof h + n;
  return off;
}

bool text_archive::flush() {
  if (pending_.empty()) return true;
  auto it = buckets_.find(pending_bucket_);
  if (it == buckets_.end()) {  // dropped meanwhile
    pending_.clear();
    return true;
  }
  bucket_store& s = it->second;
  const uint64_t before = s.size - pending_.size();
  const size_t want = pending_.size();
  size_t done = 0;
  int err = EIO;
  while (s.fd >= 0 && done < pending_.size()) {
    const ssize_t w = ::write(s.fd, pending_.data() + done, pending_.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      err = w < 0 ? errno : ENOSPC;
      break;
    }
    done += static_cast<size_t>(w);
  }
  pending_.clear();
  if (done == want) {
    s.dirty = true;
    return true;
  }
  // The file ends where the offsets say it does, or takes no more records: a torn tail
  // followed by later records would be read as them. Either way the bucket's records
  // are not relied on after a restart (durable()).
  s.failed = true;
  if (s.fd >= 0 && ::ftruncate(s.fd, static_cast<off_t>(before)) == 0) {
    s.size = before;
  } else {
    s.sealed = true;
    close(s);
  }
  failed("write", it->first, err);
  return false;
}

bool text_archive::sync() {
  bool ok = flush();
  if (mode_ != mode::files) return ok;
  for (auto& [b, s] : buckets_) {
    if (!s.dirty) continue;
    s.dirty = false;
    if (s.fd < 0 || ::fdatasync(s.fd) != 0) {
      const int err = s.fd < 0 ? EBADF : errno;
      s.failed = true;
      failed("sync", b, err);
      ok = false;
    }
  }
  return ok;
}

bool text_archive::durable(int64_t bucket) const {
  if (mode_ == mode::memory) return true;
  auto it = buckets_.find(bucket);
  return mode_ == mode::files && it != buckets_.end() && !it->second.failed && !it->second.dirty &&
         !(bucket == pending_bucket_ && !pending_.empty());
}

bool text_archive::read(int64_t bucket, uint32_t off, uint64_t key, std::vector<uint8_t>& out) {
  if (mode_ == mode::off || off == kNone) return false;
  bucket_store* s = get(bucket, false);
  if (s == nullptr) return false;
  record_head h;
  // A record in a buffer (memory mode, or not yet written): checked like one on disk.
  const auto from_buffer = [&](const uint8_t* base, size_t size, size_t at) {
    if (at + sizeof h > size) return false;
    std::memcpy(&h, base + at, sizeof h);
    if (h.key != key || h.n > size - at - sizeof h) return false;
    const uint8_t* p = base + at + sizeof h;
    if (checksum(key, h.n, p) != h.check) return false;
    out.assign(p, p + h.n);
    return true;
  };
  if (mode_ == mode::memory) {
    return from_buffer(reinterpret_cast<const uint8_t*>(s->mem.data()), s->mem.size(), off);
  }
  if (bucket == pending_bucket_ && !pending_.empty() && off >= s->size - pending_.size()) {
    return from_buffer(pending_.data(), pending_.size(), off - (s->size - pending_.size()));
  }
  if (pread(s->fd, &h, sizeof h, off) != static_cast<ssize_t>(sizeof h)) return false;
  if (h.key != key || h.n > kMaxRecord) return false;
  out.resize(h.n);
  return pread(s->fd, out.data(), h.n, off + static_cast<off_t>(sizeof h)) ==
             static_cast<ssize_t>(h.n) &&
         checksum(key, h.n, out.data()) == h.check;
}

void text_archive::drop_before(int64_t bucket) {
  if (!pending_.empty() && pending_bucket_ < bucket) pending_.clear();
  while (!buckets_.empty() && buckets_.begin()->first < bucket) {
    auto it = buckets_.begin();
    close(it->second);
    if (mode_ == mode::files) {
      std::error_code ec;
      std::filesystem::remove(path_of(it->first), ec);  // gone already: nothing to drop
    }
    buckets_.erase(it);
  }
}

size_t text_archive::memory_bytes() const {
  size_t n = buckets_.size() * 64 + pending_.capacity();
  for (const auto& [b, s] : buckets_) n += s.mem.capacity();
  return n;
}

uint64_t text_archive::stored_bytes() const {
  uint64_t n = 0;
  for (const auto& [b, s] : buckets_) n += s.size;
  return n;
}

}  // namespace newsd::dedup
