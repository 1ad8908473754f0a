// The commands of the pathways executable. Each builds the engine parts it needs and passes
// references down; errors are printed as one line on stderr with a non-zero exit code.
#include "cli.hpp"

#include <fmt/format.h>
#include <pthread.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <charconv>
#include <csignal>

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <thread>

#include "logging.hpp"
#include "pathways/api/server.hpp"
#include "pathways/demo.hpp"
#include "pathways/error.hpp"
#include "pathways/feed_worker.hpp"
#include "pathways/feeds.hpp"
#include "pathways/periodic_task.hpp"

namespace pathways::api {
namespace {

struct options {
  std::string config = PATHWAYS_DEFAULT_CONFIG;
  bool demo = false;
  std::string role;
  std::string team;
  std::string agency;
  std::string label;
  std::string key_id;
  std::string feed;
  std::string anchor;
};

database::options database_options(const settings& s) {
  return {s.database, s.database_pool_size, std::nullopt};
}

void print_demo_keys(const std::vector<demo_key>& keys, int port) {
  std::cout << "\nDemo API keys (DEMO ONLY: they work only while demo mode is on):\n";
  std::string coordinator;
  for (const auto& k : keys) {
    std::cout << fmt::format("  {:<28} {}\n", k.label, k.secret);
    if (k.owner.role == role::coordinator) coordinator = k.secret;
  }
  if (coordinator.empty()) return;
  std::cout
      << "\nTry, as the demo coordinator:\n"
      << fmt::format(
             "  curl -s -H 'Authorization: Bearer {}' \\\n"
             "    "
             "'http://127.0.0.1:{}/v1/opportunities?lat=52.63&lon=1.30&radius_km=3&per_page=3'\n",
             coordinator, port)
      << fmt::format(
             "  curl -s -H 'Authorization: Bearer {}' 'http://127.0.0.1:{}/v1/people?per_page=2'\n",
             coordinator, port);
}

// Loads demo data into an empty database; returns the demo keys.
std::vector<demo_key> prepare_demo(database& db, const taxonomy& terms, const settings& s) {
  if (auto summary = load_demo(db, terms, s.demo.seed))
    std::cout << fmt::format(
        "Loaded demo data: {} teams, {} agencies, {} people, {} opportunities, {} referrals, "
        "{} people in employment support\n",
        summary->teams, summary->agencies, summary->people, summary->opportunities,
        summary->referrals, summary->people_in_employment_support);
  return ensure_demo_keys(db, s.demo.seed);
}

// The feed worker is this executable; plugins listed by a relative path live in ../plugins.
feed_service::options feed_options() {
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe");
  return {exe, exe.parent_path().parent_path() / "plugins", 20};
}

const principal operator_principal{"cli", role::admin, std::nullopt, std::nullopt, {}};

int sync_feed(feed_service& feeds, const std::string& name) {
  const feed_run run = feeds.sync(operator_principal, name, [&](std::int64_t received) {
    std::cerr << fmt::format("feed {}: {} records received\n", name, received);
  });
  const auto& c = run.counts;
  std::cout << fmt::format(
      "feed {}: {} (received {}, added {}, updated {}, unchanged {}, closed {}, rejected {},"
      " warnings {})\n",
      name, run.succeeded ? "succeeded" : "FAILED", c.received, c.added, c.updated, c.unchanged,
      c.closed, c.rejected, c.warnings);
  if (!run.succeeded) std::cout << "  reason: " << run.reason << "\n";
  for (const auto& r : run.rejections)
    std::cout << fmt::format("  rejected {}: {}\n", r.external_ref, r.message);
  return run.succeeded ? 0 : 1;
}

int list_feeds(feed_service& feeds) {
  std::cout << fmt::format("{:<20}  {:<10}  {:<20}  {:<20}  {}\n", "feed", "state", "last run",
                           "next due", "counts or reason");
  for (const auto& f : feeds.list(operator_principal)) {
    std::string detail;
    if (f.last_run && f.last_run->succeeded)
      detail = fmt::format("added {} updated {} closed {} rejected {}", f.last_run->counts.added,
                           f.last_run->counts.updated, f.last_run->counts.closed,
                           f.last_run->counts.rejected);
    else if (f.last_run)
      detail = f.last_run->reason;
    std::cout << fmt::format("{:<20}  {:<10}  {:<20}  {:<20}  {}\n", f.config.name, f.state,
                             f.last_run ? f.last_run->finished_at : "-",
                             f.next_due.value_or("on request"), detail);
  }
  return 0;
}

// Blocks SIGINT and SIGTERM in every thread; a watcher thread stops the server on either.
int serve(settings s, bool demo_flag) {
  const bool demo = demo_flag || s.demo.enabled;
  const taxonomy terms = taxonomy::load(s.taxonomy);
  database db(database_options(s));
  const std::vector<demo_key> demo_keys =
      demo ? prepare_demo(db, terms, s) : std::vector<demo_key>{};
  matching_service matching(db, terms);  // built from the store, then kept current by the services
  agency_service agencies(db);
  team_service teams(db);
  people_service people(db, terms, &matching);
  opportunity_service opportunities(db, terms, &matching);
  api_key_service keys(db);
  allocation_service allocations(matching);
  feed_service feeds(db, terms, s.feeds, feed_options(), &matching);
  consent_service consents(db);
  referral_service referrals(db, s.referrals.answer_within_days, &matching);
  event_service events(db);
  audit_service audit(db);
  placement_service placements(db);
  indicator_service indicators(db);
  engine_services services{agencies,  teams,       people, opportunities, keys,
                           matching,  allocations, terms,  feeds,         consents,
                           referrals, events,      audit,  placements,    indicators};

  std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up is an error on that socket, not a crash
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  http_server server(s.server, services, demo);
  const int port = server.bind();
  if (demo) print_demo_keys(demo_keys, port);
  std::cout << fmt::format("\nPathways is listening on http://{}:{} (Ctrl-C stops it)\n",
                           s.server.address, port)
            << std::flush;
  spdlog::info("event=server_started port={} threads={} demo={}", port, s.server.threads, demo);

  std::thread watcher([&] {
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("event=server_stopping signal={}", received);
    feeds.stop();
    server.stop();
  });
  feeds.start_scheduler();
  // Referrals no agency answered in time expire even while no one asks about them, so the event
  // feed and the indicators show it.
  periodic_task expiry("referral_expiry", std::chrono::minutes(1), [&referrals] {
    referrals.expire_overdue();  // logs each referral it expires
  });
  // The audit chain's newest row, logged when it has moved on, at start and at the end: kept
  // with the logs, outside the database, for `pathways audit verify --anchor`.
  std::int64_t logged_seq = -1;
  auto log_audit_head = [&audit, &logged_seq] {
    const auto head = audit.head();
    if (!head || head->seq == logged_seq) return;
    logged_seq = head->seq;
    spdlog::info("event=audit_head seq={} hash={}", head->seq, head->hash);
  };
  log_audit_head();
  periodic_task audit_anchor("audit_head", std::chrono::minutes(1), log_audit_head);
  server.run();
  expiry.stop();
  audit_anchor.stop();
  log_audit_head();
  feeds.stop();
  pthread_kill(watcher.native_handle(), SIGTERM);  // wakes the watcher if the server stopped itself
  watcher.join();
  spdlog::info("event=server_stopped");
  return 0;
}

principal key_owner(const options& o) {
  principal owner;
  const auto parsed = parse_name<role>(o.role);
  if (!parsed)
    throw error(error_code::invalid_argument,
                fmt::format("--role must be {}", allowed_names<role>()), "role");
  owner.role = *parsed;
  if (!o.team.empty()) owner.team_id = o.team;
  if (!o.agency.empty()) owner.agency_id = o.agency;
  return owner;
}

// "SEQ:HASH", as the server logs it (event=audit_head seq=SEQ hash=HASH).
audit_anchor parse_anchor(const std::string& text) {
  const auto colon = text.find(':');
  audit_anchor a;
  const bool seq_ok =
      colon != std::string::npos && colon > 0 &&
      std::from_chars(text.data(), text.data() + colon, a.seq).ptr == text.data() + colon &&
      a.seq > 0;
  if (seq_ok) a.hash = text.substr(colon + 1);
  if (!seq_ok || a.hash.size() != 64 ||
      a.hash.find_first_not_of("0123456789abcdef") != std::string::npos)
    throw error(error_code::invalid_argument,
                fmt::format("--anchor must be SEQ:HASH (a row number, a colon and 64 lowercase hex "
                            "digits, as the server logs event=audit_head), not '{}'",
                            text),
                "anchor");
  return a;
}

// Walks the whole audit chain; exits 1 if any row was altered, inserted or removed, or (given an
// anchor from outside the database) if the anchor's row is gone or differs.
int verify_audit(database& db, const std::string& anchor_text) {
  std::optional<audit_anchor> anchor;
  if (!anchor_text.empty()) anchor = parse_anchor(anchor_text);
  const audit_verdict v = audit_service(db).verify(anchor);
  using check = audit_verdict::anchor_check;
  if (v.first_broken_seq) {
    std::cout << fmt::format(
        "audit chain BROKEN at row {}: its hash does not match its content and the row before it "
        "(a row was altered, inserted or removed there); {} rows checked\n",
        *v.first_broken_seq, v.rows);
    return 1;
  }
  if (v.anchor == check::missing) {
    std::cout << fmt::format(
        "audit chain CUT OFF: the anchor's row {} is missing, the chain ends at row {} (the newest "
        "rows were removed); {} rows checked\n",
        anchor->seq, v.last_seq, v.rows);
    return 1;
  }
  if (v.anchor == check::differs) {
    std::cout << fmt::format(
        "audit chain REWRITTEN: row {} does not carry the anchor's hash (the chain was rebuilt "
        "from there or before); {} rows checked\n",
        anchor->seq, v.rows);
    return 1;
  }
  std::cout << fmt::format("audit chain intact: {} rows verified, last row {} hash {}{}\n", v.rows,
                           v.last_seq, v.last_hash,
                           anchor ? fmt::format(", anchor row {} found", anchor->seq) : "");
  return 0;
}

int list_keys(api_key_service& keys) {
  std::cout << fmt::format("{:<32}  {:<21}  {:<32}  {:<32}  {:<8}  {}\n", "id", "role", "team",
                           "agency", "state", "label");
  for (const auto& k : keys.list())
    std::cout << fmt::format("{:<32}  {:<21}  {:<32}  {:<32}  {:<8}  {}\n", k.owner.key_id,
                             name_of(k.owner.role), k.owner.team_id.value_or("-"),
                             k.owner.agency_id.value_or("-"),
                             k.revoked_at ? "revoked" : (k.demo ? "demo" : "live"), k.label);
  return 0;
}

}  // namespace

int run_cli(int argc, char** argv) {
  // Hidden: the feed worker process the server spawns for each sync (see feed_worker.hpp).
  if (argc == 4 && std::string_view(argv[1]) == "feed-worker")
    return run_feed_worker(std::atoi(argv[2]), argv[3]);
  CLI::App app{"Pathways: strengths-based matching of people to mainstream opportunities"};
  app.require_subcommand(1);
  options o;
  app.add_option("-c,--config", o.config, "configuration file")->capture_default_str();

  auto* serve_cmd = app.add_subcommand("serve", "run the HTTP API");
  serve_cmd->add_flag("--demo", o.demo,
                      "load demo data into an empty database and accept demo keys");
  auto* migrate_cmd = app.add_subcommand("migrate", "create or upgrade the database schema");
  auto* demo_cmd =
      app.add_subcommand("demo", "fill an empty database with demo data; print demo keys");
  auto* keys_cmd = app.add_subcommand("keys", "manage API keys");
  keys_cmd->require_subcommand(1);
  auto* create_cmd =
      keys_cmd->add_subcommand("create", "create a key; prints the key alone on stdout");
  create_cmd->add_option("--role", o.role, "admin, coordinator, employment_specialist or agency")
      ->required();
  create_cmd->add_option("--team", o.team, "team id (coordinator, employment_specialist)");
  create_cmd->add_option("--agency", o.agency, "agency id (agency)");
  create_cmd->add_option("--label", o.label, "who or what the key is for");
  auto* list_cmd = keys_cmd->add_subcommand("list", "list keys (never their secrets)");
  auto* revoke_cmd = keys_cmd->add_subcommand("revoke", "revoke a key by id");
  revoke_cmd->add_option("id", o.key_id, "key id")->required();
  auto* feeds_cmd = app.add_subcommand("feeds", "partner feeds listed in the configuration");
  feeds_cmd->require_subcommand(1);
  auto* feed_sync_cmd = feeds_cmd->add_subcommand("sync", "sync one feed now; progress on stderr");
  feed_sync_cmd->add_option("name", o.feed, "the feed's name")->required();
  feeds_cmd->add_subcommand("list", "each feed's state, last run and next sync");

  auto* audit_cmd = app.add_subcommand("audit", "the audit trail of access to people's data");
  audit_cmd->require_subcommand(1);
  auto* verify_cmd =
      audit_cmd->add_subcommand("verify", "check the hash chain; exit 1 if tampered with");
  verify_cmd->add_option("--anchor", o.anchor,
                         "SEQ:HASH of a row known from outside the database (the server logs "
                         "event=audit_head): also catches the newest rows cut off");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  try {
    settings s = load_settings(o.config);
    configure_logging(s.log);
    if (serve_cmd->parsed()) return serve(s, o.demo);

    database db(database_options(s));
    if (migrate_cmd->parsed()) {
      std::cout << fmt::format("database {} is at schema version {}\n", s.database.string(),
                               db.schema_version());
      return 0;
    }
    if (demo_cmd->parsed()) {
      const taxonomy terms = taxonomy::load(s.taxonomy);
      print_demo_keys(prepare_demo(db, terms, s), s.server.port);
      return 0;
    }
    if (feeds_cmd->parsed()) {
      const taxonomy terms = taxonomy::load(s.taxonomy);
      feed_service feeds(db, terms, s.feeds, feed_options());
      return feed_sync_cmd->parsed() ? sync_feed(feeds, o.feed) : list_feeds(feeds);
    }
    if (verify_cmd->parsed()) return verify_audit(db, o.anchor);
    api_key_service keys(db);
    if (create_cmd->parsed()) {
      std::cout << keys.create(key_owner(o), o.label).secret << "\n";
      return 0;
    }
    if (list_cmd->parsed()) return list_keys(keys);
    if (revoke_cmd->parsed()) {
      if (!keys.revoke(o.key_id)) {
        std::cerr << "pathways: no live key has id '" << o.key_id << "'\n";
        return 1;
      }
      std::cerr << "revoked " << o.key_id << "\n";
      return 0;
    }
  } catch (const error& e) {
    std::cerr << "pathways: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "pathways: unexpected failure: " << e.what() << "\n";
    return 3;
  }
  return 0;
}

}  // namespace pathways::api
