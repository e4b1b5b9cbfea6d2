#pragma once
// A small std::expected stand-in (C++20 has none): every module boundary
// returns result<T> so that failures carry a typed code and a message.
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace newsd {

enum class errc {
  invalid_input,   // the input is malformed (bad JSON, bad feed, bad HTML)
  not_found,       // a file, key or entity does not exist
  io,              // a file or socket operation failed
  network,         // DNS, connect, TLS, HTTP-level failure
  timeout,         // a deadline passed
  too_large,       // a size cap was hit
  unsupported,     // a format or option this build cannot handle
  config,          // configuration is invalid
  kafka,           // the Kafka client reported an error
  internal,        // a bug: should never be seen by a user
};

const char* errc_name(errc c);

struct error {
  errc code = errc::internal;
  std::string message;
};

inline error make_error(errc code, std::string message) { return error{code, std::move(message)}; }

template <class T>
class [[nodiscard]] result {
 public:
  result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  result(error e) : v_(std::move(e)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const error& err() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, error> v_;
};

// result<void>: success or an error.
struct ok_t {};
using status = result<ok_t>;
inline status ok_status() { return ok_t{}; }

}  // namespace newsd
