#include <algorithm>

#include "common/hash.h"
#include "daemon/dedup/index_impl.h"

namespace newsd::dedup {

bool slot_map::insert(uint64_t key, uint32_t v, bool overwrite) {
  if ((size_ + 1) * 4 > keys_.size() * 3) rehash(keys_.empty() ? 1024 : keys_.size() * 2);
  size_t i = pos(key);
  for (; keys_[i] != 0; i = (i + 1) & mask_) {
    if (keys_[i] == key) {
      if (overwrite) vals_[i] = v;
      return false;
    }
  }
  keys_[i] = key;
  vals_[i] = v;
  ++size_;
  return true;
}

void slot_map::erase_if(uint64_t key, uint32_t v) {
  if (keys_.empty()) return;
  size_t i = pos(key);
  for (;; i = (i + 1) & mask_) {
    if (keys_[i] == 0) return;
    if (keys_[i] == key) break;
  }
  if (vals_[i] != v) return;
  size_t j = i;
  for (;;) {
    j = (j + 1) & mask_;
    if (keys_[j] == 0) break;
    size_t home = pos(keys_[j]);
    bool movable = (i <= j) ? (home <= i || home > j) : (home <= i && home > j);
    if (movable) {
      keys_[i] = keys_[j];
      vals_[i] = vals_[j];
      i = j;
    }
  }
  keys_[i] = 0;
  --size_;
}

void slot_map::reserve(size_t n) {
  size_t cap = keys_.empty() ? 1024 : keys_.size();
  while (n * 4 > cap * 3) cap *= 2;
  if (cap > keys_.size()) rehash(cap);
}

void slot_map::rehash(size_t cap) {
  std::vector<uint64_t> ok = std::move(keys_);
  std::vector<uint32_t> ov = std::move(vals_);
  keys_.assign(cap, 0);
  vals_.assign(cap, 0);
  mask_ = cap - 1;
  size_ = 0;
  for (size_t i = 0; i < ok.size(); ++i) {
    if (ok[i] != 0) insert(ok[i], ov[i], true);
  }
}

bool packed_id::pack(std::string_view s) {
  auto nib = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  uint64_t v[2] = {0, 0};
  if (s.size() != 32) return false;
  for (size_t i = 0; i < 32; ++i) {
    const int x = nib(s[i]);
    if (x < 0) return false;
    v[i / 16] = (v[i / 16] << 4) | static_cast<uint64_t>(x);
  }
  w[0] = v[0];
  w[1] = v[1];
  kind = kHex;
  return true;
}

void packed_id::unpack(std::string& out) const {
  static constexpr char kDigits[] = "0123456789abcdef";
  out.resize(32);
  for (size_t i = 0; i < 32; ++i) out[i] = kDigits[(w[i / 16] >> (60 - 4 * (i % 16))) & 15];
}

namespace {
constexpr size_t kLineCells = size_t{1} << 21;
}

line_counts::line_counts() : a_(kLineCells, 0), b_(kLineCells, 0) {}

void line_counts::add(uint32_t h, int delta) {
  uint16_t& x = a_[h & (kLineCells - 1)];
  uint16_t& y = b_[(h * 0x85EBCA6Bu >> 11) & (kLineCells - 1)];
  auto upd = [delta](uint16_t& v) {
    int n = static_cast<int>(v) + delta;
    v = static_cast<uint16_t>(n < 0 ? 0 : (n > 65535 ? 65535 : n));
  };
  upd(x);
  upd(y);
}

uint32_t line_counts::get(uint32_t h) const {
  uint16_t x = a_[h & (kLineCells - 1)];
  uint16_t y = b_[(h * 0x85EBCA6Bu >> 11) & (kLineCells - 1)];
  return x < y ? x : y;
}

}  // namespace newsd::dedup
