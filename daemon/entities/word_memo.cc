#include "daemon/entities/word_memo.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace newsd::entities {

namespace {

// Heap bytes of a string beyond the object itself (none while it fits the small buffer).
size_t heap(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }

}  // namespace

size_t word_memo::cost(std::string_view raw, const word_entry& e) {
  // Node (key, entry, next pointer, cached hash) + bucket + the strings' heap blocks.
  constexpr size_t kNode = sizeof(std::string) + sizeof(word_entry) + 2 * sizeof(void*) + 16;
  const word_info& w = e.info;
  return kNode + (raw.size() > 15 ? raw.size() + 1 : 0) + heap(w.fold) + heap(w.stem) +
         heap(w.shape) + heap(w.clitic) + heap(w.bare) + sizeof(void*);
}

void word_memo::begin_text() {
  if (young_bytes_ * 2 < max_bytes_) return;
  old_.clear();
  std::swap(old_, young_);
  old_bytes_ = young_bytes_;
  young_bytes_ = 0;
  std::fill(filter_.begin(), filter_.end(), 0);
  for (const auto& [k, e] : old_) mark(k);
}

word_entry* word_memo::find(std::string_view raw) {
  if (!maybe(raw)) return nullptr;
  if (auto it = young_.find(raw); it != young_.end()) return &it->second;
  auto it = old_.find(raw);
  if (it == old_.end()) return nullptr;
  const size_t c = cost(raw, it->second);
  auto node = old_.extract(it);
  old_bytes_ -= c;
  young_bytes_ += c;
  return &young_.insert(std::move(node)).position->second;
}

word_entry& word_memo::insert(std::string_view raw) {
  mark(raw);
  return young_.try_emplace(std::string(raw)).first->second;
}

void word_memo::account(std::string_view raw, const word_entry& e) { young_bytes_ += cost(raw, e); }

word_memo* word_memo::of_thread(uint64_t owner, size_t max_bytes) {
  if (max_bytes == 0) return nullptr;
  // A process has one or two taggers; a thread that met more (tests) keeps the memos of the
  // four recognisers it used last. Kept in order of use, so that the two recognisers of the
  // text being tagged (Arabic, English) are never the one dropped.
  constexpr size_t kKeep = 4;
  thread_local std::vector<std::pair<uint64_t, std::unique_ptr<word_memo>>> memos;
  for (size_t i = 0; i < memos.size(); ++i) {
    if (memos[i].first != owner) continue;
    if (i + 1 < memos.size()) {
      auto m = std::move(memos[i]);
      memos.erase(memos.begin() + static_cast<long>(i));
      memos.push_back(std::move(m));
    }
    return memos.back().second.get();
  }
  if (memos.size() >= kKeep) memos.erase(memos.begin());
  memos.emplace_back(owner, std::make_unique<word_memo>(max_bytes));
  return memos.back().second.get();
}

pair_memo& pair_memo::of_thread(uint64_t owner) {
  thread_local pair_memo m;
  if (m.owner_ != owner) {
    m.slots_.assign(kSlots, slot{});
    m.owner_ = owner;
  }
  return m;
}

std::unordered_map<std::string, int32_t>& variant_memo_of_thread(uint64_t owner) {
  thread_local std::unordered_map<std::string, int32_t> m;
  thread_local uint64_t of = 0;
  if (of != owner || m.size() >= kMaxVariants) {
    m.clear();
    of = owner;
  }
  return m;
}

}  // namespace newsd::entities
