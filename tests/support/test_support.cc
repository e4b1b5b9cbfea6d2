#include "tests/support/test_support.h"

#include <arpa/inet.h>
#include <civetweb.h>
#include <librdkafka/rdkafka.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#ifdef NEWSD_HAVE_BROTLIENC
#include <brotli/encode.h>
#endif

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace newsd::testing {

std::string shared_dir() {
  if (const char* env = std::getenv("NEWSD_SHARED_DIR")) {
    if (std::filesystem::is_directory(env)) return env;
  }
  std::filesystem::path p(NEWSD_SHARED_DIR);
  if (std::filesystem::is_directory(p / "docs"))
    return std::filesystem::weakly_canonical(p).string();
  return "";
}

temp_dir::temp_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "newsd-test-XXXXXX").string();
  path_ = mkdtemp(tmpl.data());
}
temp_dir::~temp_dir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

namespace {
int dispatch(mg_connection* conn, void* cbdata) {
  return static_cast<http_server*>(cbdata)->handle(conn);
}
}  // namespace

http_server::http_server() {
  const char* options[] = {"listening_ports",   "127.0.0.1:0", "num_threads", "16",
                           "enable_keep_alive", "yes",         nullptr};
  mg_callbacks cb{};
  ctx_ = mg_start(&cb, this, options);
  if (ctx_ == nullptr) throw std::runtime_error("test http_server: mg_start failed");
  mg_server_port ports[4];
  int n = mg_get_server_ports(ctx_, 4, ports);
  if (n < 1) throw std::runtime_error("test http_server: no port");
  port_ = ports[0].port;
  mg_set_request_handler(ctx_, "/", &dispatch, this);
}

http_server::~http_server() {
  if (ctx_ != nullptr) mg_stop(ctx_);
}

void http_server::route(const std::string& path, handler h) {
  std::lock_guard lk(mu_);
  routes_[path] = std::move(h);
}

void http_server::serve(const std::string& path, std::string body, std::string content_type) {
  route(path, [body = std::move(body), ct = std::move(content_type)](const http_request&) {
    http_response r;
    r.body = body;
    r.headers.emplace_back("Content-Type", ct);
    return r;
  });
}

std::string http_server::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

int http_server::hits(const std::string& path) const {
  std::lock_guard lk(mu_);
  auto it = hits_.find(path);
  return it == hits_.end() ? 0 : it->second;
}

int http_server::handle(void* c) {
  auto* conn = static_cast<mg_connection*>(c);
  const mg_request_info* ri = mg_get_request_info(conn);
  http_request req;
  req.method = ri->request_method ? ri->request_method : "";
  req.path = ri->local_uri ? ri->local_uri : "";
  req.query = ri->query_string ? ri->query_string : "";
  for (int i = 0; i < ri->num_headers; ++i) {
    std::string name = ri->http_headers[i].name;
    for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    req.headers[name] = ri->http_headers[i].value;
  }
  char buf[4096];
  int n;
  while ((n = mg_read(conn, buf, sizeof buf)) > 0) req.body.append(buf, static_cast<size_t>(n));
  int now_active = ++active_;
  int seen = max_active_.load();
  while (now_active > seen && !max_active_.compare_exchange_weak(seen, now_active)) {
  }
  struct leave {
    std::atomic<int>& a;
    ~leave() { --a; }
  } leave_guard{active_};
  handler h;
  {
    std::lock_guard lk(mu_);
    hits_[req.path]++;
    auto it = routes_.find(req.path);
    if (it != routes_.end()) h = it->second;
  }
  http_response resp;
  if (h) {
    resp = h(req);
  } else {
    resp.status = 404;
    resp.body = "not found";
  }
  if (resp.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(resp.delay_ms));
  std::string head = "HTTP/1.1 " + std::to_string(resp.status) + " X\r\n";
  bool has_length = false;
  for (auto& [k, v] : resp.headers) {
    head += k + ": " + v + "\r\n";
    if (strcasecmp(k.c_str(), "Content-Length") == 0) has_length = true;
  }
  if (resp.never_end) {
    head += "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
    mg_write(conn, head.data(), head.size());
    std::string chunk(16384, 'x');
    for (int i = 0; i < 100000; ++i) {  // bounded: ~1.6 GB at most, stops when the client hangs up
      if (mg_write(conn, chunk.data(), chunk.size()) <= 0) break;
    }
    return 200;
  }
  if (!has_length) head += "Content-Length: " + std::to_string(resp.body.size()) + "\r\n";
  head += "\r\n";
  mg_write(conn, head.data(), head.size());
  if (req.method != "HEAD") mg_write(conn, resp.body.data(), resp.body.size());
  return resp.status;
}

silent_server::silent_server() {
  fd_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      listen(fd_, 64) != 0) {
    throw std::runtime_error("silent_server: cannot listen");
  }
  socklen_t len = sizeof a;
  getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
}

silent_server::~silent_server() {
  if (fd_ >= 0) close(fd_);
}

std::string silent_server::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

bool have_brotli_encoder() {
#ifdef NEWSD_HAVE_BROTLIENC
  return true;
#else
  return false;
#endif
}

std::string compress_body(const std::string& data, const std::string& encoding) {
  if (encoding == "gzip" || encoding == "deflate") {
    z_stream zs{};
    // 15 + 16: gzip wrapper; 15: zlib wrapper (what HTTP calls "deflate").
    deflateInit2(&zs, 9, Z_DEFLATED, encoding == "gzip" ? 15 + 16 : 15, 9, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, data.size()), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
  }
#ifdef NEWSD_HAVE_BROTLIENC
  if (encoding == "br") {
    size_t n = BrotliEncoderMaxCompressedSize(data.size());
    std::string out(n, '\0');
    if (!BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
                               data.size(), reinterpret_cast<const uint8_t*>(data.data()), &n,
                               reinterpret_cast<uint8_t*>(out.data()))) {
      return "";
    }
    out.resize(n);
    return out;
  }
#endif
  return "";
}

std::vector<kafka_message> consume_all(const std::string& bootstrap, const std::string& topic,
                                       size_t expected, int timeout_ms) {
  std::vector<kafka_message> out;
  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), errstr, sizeof errstr);
  rd_kafka_conf_set(conf, "group.id", ("newsd-test-" + topic + std::to_string(std::rand())).c_str(),
                    errstr, sizeof errstr);
  rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", errstr, sizeof errstr);
  rd_kafka_conf_set(conf, "enable.auto.commit", "false", errstr, sizeof errstr);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
  if (rk == nullptr) {
    ADD_FAILURE() << "consumer: " << errstr;
    return out;
  }
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t* subs = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(subs, topic.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_subscribe(rk, subs);
  rd_kafka_topic_partition_list_destroy(subs);
  auto last = std::chrono::steady_clock::now();
  while (out.size() < expected &&
         std::chrono::steady_clock::now() - last < std::chrono::milliseconds(timeout_ms)) {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(rk, 200);
    if (m == nullptr) continue;
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      kafka_message km;
      km.topic = topic;
      km.partition = m->partition;
      if (m->key) km.key.assign(static_cast<const char*>(m->key), m->key_len);
      if (m->payload) km.value.assign(static_cast<const char*>(m->payload), m->len);
      rd_kafka_headers_t* hdrs = nullptr;
      if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        const char* name;
        const void* val;
        size_t size;
        for (size_t i = 0;
             rd_kafka_header_get_all(hdrs, i, &name, &val, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
             ++i) {
          km.headers[name] = std::string(static_cast<const char*>(val), size);
        }
      }
      out.push_back(std::move(km));
      last = std::chrono::steady_clock::now();
    }
    rd_kafka_message_destroy(m);
  }
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

int run_command(const std::string& cmd, std::string* out) {
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return -1;
  char buf[8192];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) {
    if (out) out->append(buf, n);
  }
  int st = pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

bool wait_for(const std::function<bool()>& cond, std::chrono::seconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (cond()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return cond();
}

}  // namespace newsd::testing
