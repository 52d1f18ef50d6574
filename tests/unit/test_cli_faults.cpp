// `cajal run` when things go wrong: every fault is one line with its class's
// exit status (1 input, 2 usage, 3 environment), nothing hangs or exhausts
// memory, and the output folder is the old one or the new one, never a mix.
#include <catch2/catch.hpp>

#include <chrono>
#include <tuple>

#include <cajal/core/gpu.hpp>
#include <sys/stat.h>

#include "cli_test_support.hpp"

using namespace cajal::test::cli;

namespace {

// Seconds a command takes.
double seconds(const std::function<void()>& f) {
    const auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

TEST_CASE("a failed cajal run reports one line and leaves the output folder as it was", "[run][faults]") {
    scratch_dir dir("failure");
    const fs::path out = dir.path / "out";
    SECTION("a model error leaves no folder") {
        const auto r = cajal_run(quoted(model("bad_paint.json")) + " -o " + quoted(out));
        CHECK(r.status == 1);
        CHECK(r.out == model("bad_paint.json").string() + ": cell.paint[0].parameters.gnabar: -1 is outside the range [0, 1e+09] of hh.gnabar\n");
        CHECK(entries(dir.path).empty());
    }
    SECTION("an SWC error is passed through") {
        const auto r = cajal_run(quoted(model("bad_swc.json")) + " -o " + quoted(out));
        CHECK(r.status == 1);
        CHECK(r.out.starts_with(model("bad_swc.json").string() + ": cell.morphology.file: cells/missing_parent.swc:5: "));
        CHECK(lines(r.out).size() == 1);
        CHECK(entries(dir.path).empty());
    }
    SECTION("a run that diverges names the cell, the place and the time, and leaves an existing folder unchanged") {
        fs::create_directories(out);
        std::ofstream(out / "traces.csv") << "old\n";
        const auto r = cajal_run(quoted(model("diverging.json")) + " -o " + quoted(out));
        CHECK(r.status == 1);
        CHECK(r.out.starts_with("cajal: the simulation diverged: cell cell[0] (gid 0): v is "));
        CHECK(r.out.find(" at branch 0, x = ") != std::string::npos);
        CHECK(r.out.find("(found at t = ") != std::string::npos);
        CHECK(lines(r.out).size() == 1);
        CHECK(entries(out) == std::vector<std::string>{"traces.csv"});
        CHECK(read_text(out / "traces.csv") == "old\n");
        CHECK(entries(dir.path) == std::vector<std::string>{"out"});
    }
    SECTION("a run that diverges where no probe looks fails all the same") {
        auto j = movable_model("diverging.json");
        j.erase("probes");
        const auto r = cajal_run(quoted(write_model(dir.path / "unprobed.json", j)) + " -o " + quoted(out));
        CHECK(r.status == 1);
        CHECK(r.out.starts_with("cajal: the simulation diverged: cell cell[0] (gid 0): "));
        CHECK(entries(dir.path) == std::vector<std::string>{"unprobed.json"});
    }
    SECTION("a missing model file") {
        const auto r = cajal_run(quoted(dir.path / "absent.json") + " -o " + quoted(out));
        CHECK(r.status == 1);
        CHECK(r.out == (dir.path / "absent.json").string() + ": cannot read the model file: no such file\n");
    }
}

TEST_CASE("model files are regular files: devices and FIFOs are refused at once", "[run][faults]") {
    scratch_dir dir("irregular");
    double taken = seconds([&] {
        const auto r = cajal_run("/dev/zero -o " + quoted(dir.path / "out"));
        CHECK(r.status == 1);
        CHECK(r.out == "/dev/zero: cannot read the model file: it is a character device\n");
    });
    CHECK(taken < 10);
    const auto fifo = dir.path / "model.json";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    taken = seconds([&] {
        // `timeout` turns a hang into status 124.
        const auto r = run_command("timeout 20 " + std::string(CAJAL_CLI) + " run " + quoted(fifo) + " -o " + quoted(dir.path / "out") + " 2>&1");
        CHECK(r.status == 1);
        CHECK(r.out == fifo.string() + ": cannot read the model file: it is a FIFO (named pipe)\n");
    });
    CHECK(taken < 10);
    const auto r = cajal_command("morph /dev/zero");
    CHECK(r.status == 1);
    CHECK(r.out == "cajal: /dev/zero: cannot read the morphology: it is a character device\n");
}

TEST_CASE("a stop time between steps is an error, not a shorter run", "[run][faults]") {
    scratch_dir dir("tstop");
    auto j = movable_model("passive.json");
    j["simulation"] = {{"dt", 0.3}, {"tstop", 1}};
    const auto file = write_model(dir.path / "m.json", j);
    const auto r = cajal_run(quoted(file) + " -o " + quoted(dir.path / "out"));
    CHECK(r.status == 1);
    CHECK(r.out == file.string() + ": simulation.tstop: tstop = 1 ms is not a whole number of steps of dt = 0.3 ms (3.3333333333333335 steps); make it "
                                   "0.8999999999999999 or 1.2 ms, or change dt\n");
}

TEST_CASE("errors come by class: usage 2 with the nearest name, environment 3", "[run][faults]") {
    scratch_dir dir("classes");
    auto r = cajal_run(quoted(model("passive.json")) + " --outptu " + quoted(dir.path / "out"));
    CHECK(r.status == 2);
    CHECK(r.out == "cajal: unknown option '--outptu'; did you mean '--output'? (see cajal --help)\n");
    r = cajal_command("rnu " + quoted(model("passive.json")));
    CHECK(r.status == 2);
    CHECK(r.out == "cajal: unknown command 'rnu'; did you mean 'run'? (see cajal --help)\n");
    r = cajal_command("morph " + quoted(model("cells/ball_and_stick.swc")) + " --jsno");
    CHECK(r.status == 2);
    CHECK(r.out == "cajal: unknown option '--jsno'; did you mean '--json'? (see cajal --help)\n");
    // Outputs where nothing can be written: this machine's fault, not the model's.
    r = cajal_run(quoted(model("passive.json")) + " -o /proc/cajal-no-such-place/out");
    CHECK(r.status == 3);
    CHECK(r.out.starts_with("cajal: cannot write into '/proc': "));
    if (!cajal::query_gpu().available) {
        r = cajal_run(quoted(model("passive.json")) + " --backend gpu -o " + quoted(dir.path / "out"));
        CHECK(r.status == 3);
    }
    CHECK(entries(dir.path).empty());
}

TEST_CASE("each class of error has its exit status and says who speaks", "[run][faults]") {
    scratch_dir dir("injected");
    const auto passive = quoted(model("passive.json")) + " -o " + quoted(dir.path / "out");
    const std::vector<std::tuple<std::string, int, std::string>> cases{
        {"build:0", 1, "cajal: injected fault (CAJAL_FAULT=build:0)\n"},
        {"run:0:environment", 3, "cajal: injected fault (CAJAL_FAULT=run:0:environment)\n"},
        {"write:0:internal", 4, "cajal: internal error: injected fault (CAJAL_FAULT=write:0:internal); please report it with the model file\n"},
    };
    for (const auto& [fault, status, message]: cases) {
        INFO(fault);
        const auto r = run_command("CAJAL_FAULT=" + fault + " " + CAJAL_CLI + " run " + passive + " 2>&1");
        CHECK(r.status == status);
        CHECK(r.out == message);
        CHECK(entries(dir.path).empty());
    }
}

TEST_CASE("a model file over the size limit is refused before it is read", "[run][faults]") {
    scratch_dir dir("too-large");
    const auto big = dir.path / "big.json";
    fs::resize_file(write_model(big, nlohmann::json::object()), std::uintmax_t{300} << 20);   // sparse: nothing is written
    const auto r = cajal_run(quoted(big) + " -o " + quoted(dir.path / "out"));
    CHECK(r.status == 1);
    CHECK(r.out == big.string() + ": cannot read the model file: it is 314572800 bytes, more than the limit of 256 MiB\n");
}

TEST_CASE("output folders: never empty, never the current folder, never one holding other files", "[run][faults]") {
    scratch_dir dir("folders");
    const auto passive = quoted(model("passive.json"));
    auto r = cajal_run(passive + " -o ''");
    CHECK(r.status == 1);
    CHECK(r.out == "cajal: the output folder is empty; name one with -o DIR\n");
    r = run_command("cd " + quoted(dir.path) + " && " + CAJAL_CLI + " run " + passive + " -o . 2>&1");
    CHECK(r.status == 1);
    CHECK(r.out.find("this one holds the current folder") != std::string::npos);
    const auto notes = dir.path / "notes";
    fs::create_directories(notes);
    std::ofstream(notes / "thesis.tex") << "kept\n";
    r = cajal_run(passive + " -o " + quoted(notes));
    CHECK(r.status == 1);
    CHECK(r.out.find("it holds files a run does not write (thesis.tex)") != std::string::npos);
    CHECK(entries(notes) == std::vector<std::string>{"thesis.tex"});
}

TEST_CASE("a study's outputs replace the folder of its previous run", "[run][faults][study]") {
    scratch_dir dir("study-again");
    const auto study = quoted(model("study_hh.json")) + " -q -o " + quoted(dir.path / "out");
    REQUIRE(cajal_run(study).status == 0);
    const auto r = cajal_run(study);
    CHECK(r.status == 0);
    CHECK(r.out.empty());
}

TEST_CASE("a run that died leaves its staging folder, which the next run into the same place removes", "[run][faults]") {
    scratch_dir dir("stale");
    const auto out = dir.path / "out";
    // A process id that is not running: the kernel's limit is below it.
    const fs::path stale = dir.path / ".out.staging-2147483646";
    fs::create_directories(stale);
    std::ofstream(stale / "traces.csv") << "partial\n";
    // And a previous folder that a crash left aside while the target was missing: it comes back, then is replaced.
    const fs::path previous = dir.path / ".out.previous-2147483645";
    fs::create_directories(previous);
    std::ofstream(previous / "traces.csv") << "old\n";
    const auto r = cajal_run(quoted(model("passive.json")) + " -q -o " + quoted(out));
    REQUIRE(r.status == 0);
    CHECK(entries(dir.path) == std::vector<std::string>{"out"});
    CHECK(lines(read_text(out / "traces.csv")).size() == 42);
}

TEST_CASE("SIGINT and SIGTERM end a run at once and leave nothing behind", "[run][faults]") {
    scratch_dir dir("signals");
    const auto busyring = quoted(cajal::test::source_dir() / "examples" / "busyring" / "busyring-hh.json");
    for (const char* signal: {"INT", "TERM"}) {
        INFO(signal);
        const auto r = run_command("cd " + quoted(dir.path) + " && (" + CAJAL_CLI + " run " + busyring + " --backend cpu -o out 2>&1 & pid=$!; sleep 1; kill -" +
                                   signal + " $pid; wait $pid; echo status $?)");
        CHECK(r.out.find(std::string("status ") + (std::string(signal) == "INT" ? "130" : "143")) != std::string::npos);
        CHECK(entries(dir.path).empty());
    }
}

TEST_CASE("cajal run --dry-run prints the counts and estimates and runs nothing, and too large a run is refused before it allocates", "[run][faults]") {
    scratch_dir dir("dry-run");
    auto r = cajal_run(quoted(model("network.json")) + " --dry-run -o " + quoted(dir.path / "out"));
    REQUIRE(r.status == 0);
    CHECK(r.out.find("cells: 13 in 2 populations; spike sources: 9\n") != std::string::npos);
    CHECK(r.out.find("CVs: 273\n") != std::string::npos);
    CHECK(r.out.find("mechanism instances: Exp2Syn 13, ExpSyn 13, hh 39, pas 156\n") != std::string::npos);
    CHECK(r.out.find("steps: 2400 (tstop 60 ms, dt 0.025 ms)\n") != std::string::npos);
    CHECK(r.out.find("probes: 3, 363 samples\n") != std::string::npos);
    CHECK(r.out.find("memory: about ") != std::string::npos);
    CHECK(entries(dir.path).empty());

    // A billion cells: refused at once with the estimate, whatever the machine.
    auto j = movable_model("network.json");
    j["populations"][1]["count"] = 1000000000;
    const auto huge = write_model(dir.path / "huge.json", j);
    const double taken = seconds([&] {
        r = cajal_run(quoted(huge) + " -o " + quoted(dir.path / "out"));
        CHECK(r.status == 3);
        CHECK(r.out.starts_with("cajal: the run needs about "));
        CHECK(r.out.find("pass --ignore-limits to try anyway") != std::string::npos);
    });
    CHECK(taken < 20);
    r = cajal_run(quoted(huge) + " --dry-run");
    CHECK(r.status == 0);
    CHECK(r.out.find("cells: 1000000008 in 2 populations") != std::string::npos);
    CHECK(entries(dir.path) == std::vector<std::string>{"huge.json"});
}
