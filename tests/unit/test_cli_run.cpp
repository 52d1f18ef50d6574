// `cajal run` as a user runs it: the built binary, its outputs, and what a
// failed run leaves behind.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cajal/core/gpu.hpp>

#include "test_support.hpp"

namespace {

using cajal::test::command_result;
using cajal::test::run_command;
namespace fs = std::filesystem;

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }
fs::path model(const std::string& name) { return cajal::test::test_data("models/" + name); }

// `cajal run ARGS` with stderr folded into the output.
command_result cajal_run(const std::string& args) { return run_command(std::string(CAJAL_CLI) + " run " + args + " 2>&1"); }

// A fresh, empty directory, removed at the end of the test.
struct scratch_dir {
    fs::path path;
    explicit scratch_dir(const std::string& name):
        path(fs::temp_directory_path() / ("cajal-run-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~scratch_dir() { fs::remove_all(path); }
};

std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::vector<std::string> cells(const std::string& row) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t comma; (comma = row.find(',', start)) != std::string::npos; start = comma + 1) out.push_back(row.substr(start, comma - start));
    out.push_back(row.substr(start));
    return out;
}

// passive.json with its morphology named absolutely, so that a changed copy
// can be written anywhere.
nlohmann::json passive_model() {
    auto j = nlohmann::json::parse(read_text(model("passive.json")));
    j["cell"]["morphology"]["file"] = (model("cells") / "ball_and_stick.swc").string();
    return j;
}

fs::path write_model(const fs::path& file, const nlohmann::json& j) {
    std::ofstream(file) << j.dump();
    return file;
}

std::vector<std::string> entries(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e: fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// Spike times of spikes.csv, checking its header and detector names.
std::vector<double> spike_times(const fs::path& file, const std::string& detector) {
    const auto rows = lines(read_text(file));
    REQUIRE(!rows.empty());
    CHECK(rows[0] == "detector,time (ms)");
    std::vector<double> times;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto c = cells(rows[i]);
        REQUIRE(c.size() == 2);
        CHECK(c[0] == detector);
        times.push_back(std::stod(c[1]));
    }
    return times;
}

} // namespace

TEST_CASE("cajal run writes traces, spikes, a summary and a plot", "[run]") {
    scratch_dir dir("outputs");
    const fs::path out = dir.path / "result";
    const auto r = cajal_run(quoted(model("hh_soma.json")) + " -o " + quoted(out));
    REQUIRE(r.status == 0);
    // Not a terminal: no progress bar, only the run line.
    CHECK(r.out.starts_with("simulated 50 ms: 2000 steps of 21 CVs on "));
    CHECK(r.out.ends_with("; outputs in " + out.string() + "\n"));
    CHECK(lines(r.out).size() == 1);
    CHECK(entries(out) == std::vector<std::string>{"spikes.csv", "summary.json", "traces.csv", "traces.svg"});
    CHECK(entries(dir.path) == std::vector<std::string>{"result"});   // no staging folder left

    SECTION("traces.csv has a row per sampling time of any probe") {
        const auto rows = lines(read_text(out / "traces.csv"));
        REQUIRE(rows.size() == 1 + 501);   // tstop 50 / interval 0.1, and t = 0
        CHECK(rows[0] == "time (ms),v_soma (mV),m_soma (1),i_syn (nA)");
        CHECK(rows[1].starts_with("0,-65,"));
        // m_soma samples every 0.2 ms, so every other row leaves its cell empty.
        const auto at_01 = cells(rows[2]), at_02 = cells(rows[3]);
        REQUIRE(at_01.size() == 4);
        CHECK(at_01[0] == "0.1");
        CHECK(at_01[2].empty());
        CHECK_FALSE(at_01[3].empty());
        CHECK(at_02[0] == "0.2");
        CHECK_FALSE(at_02[2].empty());
        CHECK(cells(rows.back())[0] == "50");
    }
    SECTION("spikes.csv holds the spikes of the driven hh soma in time order") {
        const auto times = spike_times(out / "spikes.csv", "soma_spike");
        REQUIRE(times.size() >= 2);
        CHECK(times[0] > 5);     // the current step starts at 5 ms
        for (std::size_t i = 1; i < times.size(); ++i) CHECK(times[i] > times[i - 1]);
    }
    SECTION("summary.json describes the run") {
        const auto s = nlohmann::json::parse(read_text(out / "summary.json"));
        CHECK(s.at("model") == model("hh_soma.json").string());
        // The model leaves the backend to `auto`: the GPU where one is usable.
        const bool gpu = cajal::query_gpu().available;
        CHECK(s.at("backend") == (gpu ? "gpu" : "cpu"));
        CHECK(s.at("device").is_null() == !gpu);
        CHECK(s.at("cvs") == 5 * 3 + 5 + 1);   // 3 segments and an end node per branch, and the root's start
        CHECK(s.at("mechanism_instances").at("hh") == 3);
        CHECK(s.at("mechanism_instances").at("pas") == 12);
        CHECK(s.at("mechanism_instances").at("IClamp") == 1);
        CHECK(s.at("steps") == 2000);
        CHECK(s.at("dt_ms") == 0.025);
        CHECK(s.at("tstop_ms") == 50);
        CHECK(s.at("method") == "backward_euler");
        CHECK(s.at("spikes").get<std::size_t>() == spike_times(out / "spikes.csv", "soma_spike").size());
        for (const char* phase: {"read", "lower", "initialize", "integrate", "write", "total"}) {
            CHECK(s.at("wall_time_s").at(phase).get<double>() >= 0);
        }
        CHECK(s.at("cv_steps_per_s").get<double>() > 0);
    }
    SECTION("traces.svg plots each unit in its own panel with a legend") {
        const auto svg = read_text(out / "traces.svg");
        CHECK(svg.starts_with("<svg"));
        std::size_t polylines = 0;
        for (std::size_t at = 0; (at = svg.find("<polyline", at)) != std::string::npos; ++at) ++polylines;
        CHECK(polylines == 3);
        for (const char* label: {"v_soma (mV)", "m_soma (1)", "i_syn (nA)", "time (ms)", ">mV<", ">nA<"}) {
            CHECK(svg.find(label) != std::string::npos);
        }
    }
}

TEST_CASE("cajal run writes into ./<model>.out by default and replaces only its own files", "[run]") {
    scratch_dir dir("default");
    const fs::path out = dir.path / "passive.out";
    fs::create_directories(out);
    std::ofstream(out / "notes.txt") << "kept\n";
    std::ofstream(out / "traces.csv") << "old\n";
    const auto r = run_command("cd " + quoted(dir.path) + " && " + CAJAL_CLI + " run " + quoted(model("passive.json")) + " 2>&1");
    REQUIRE(r.status == 0);
    CHECK(entries(out) == std::vector<std::string>{"notes.txt", "spikes.csv", "summary.json", "traces.csv", "traces.svg"});
    CHECK(read_text(out / "notes.txt") == "kept\n");
    const auto rows = lines(read_text(out / "traces.csv"));
    CHECK(rows.size() == 1 + 41);   // every step of 1 ms
    CHECK(rows[0] == "time (ms),v (mV)");
    CHECK(lines(read_text(out / "spikes.csv")) == std::vector<std::string>{"detector,time (ms)"});
}

TEST_CASE("a failed cajal run reports one line and leaves the output folder as it was", "[run]") {
    scratch_dir dir("failure");
    const fs::path out = dir.path / "out";
    SECTION("a model error leaves no folder") {
        const auto r = cajal_run(quoted(model("bad_paint.json")) + " -o " + quoted(out));
        CHECK(r.status == 1);
        CHECK(r.out == model("bad_paint.json").string() +
                           ": cell.paint[0].parameters.gnabar: -1 is outside the range [0, 1000000000] of hh.gnabar\n");
        CHECK(entries(dir.path).empty());
    }
    SECTION("an SWC error is passed through") {
        const auto r = cajal_run(quoted(model("bad_swc.json")) + " -o " + quoted(out));
        CHECK(r.status == 1);
        CHECK(r.out.starts_with(model("bad_swc.json").string() + ": cell.morphology.file: cells/missing_parent.swc:5: "));
        CHECK(lines(r.out).size() == 1);
        CHECK(entries(dir.path).empty());
    }
    SECTION("a run that diverges leaves an existing folder unchanged") {
        fs::create_directories(out);
        std::ofstream(out / "traces.csv") << "old\n";
        const auto r = cajal_run(quoted(model("diverging.json")) + " -o " + quoted(out));
        CHECK(r.status == 1);
        CHECK(r.out.starts_with("cajal: the simulation diverged: probe 'v_soma' is "));
        CHECK(lines(r.out).size() == 1);
        CHECK(entries(out) == std::vector<std::string>{"traces.csv"});
        CHECK(read_text(out / "traces.csv") == "old\n");
        CHECK(entries(dir.path) == std::vector<std::string>{"out"});
    }
    SECTION("a missing model file") {
        const auto r = cajal_run(quoted(dir.path / "absent.json") + " -o " + quoted(out));
        CHECK(r.status == 1);
        CHECK(r.out == (dir.path / "absent.json").string() + ": cannot read the model file: no such file\n");
    }
}

TEST_CASE("cajal run --quiet prints nothing", "[run]") {
    scratch_dir dir("quiet");
    // An empty region warns; --quiet silences warnings too.
    auto j = passive_model();
    j["cell"]["paint"].push_back({{"region", "axon"}, {"mechanism", "hh"}});
    const fs::path copy = write_model(dir.path / "warns.json", j);
    const auto loud = cajal_run(quoted(copy) + " -o " + quoted(dir.path / "a"));
    CHECK(loud.status == 0);
    const auto said = lines(loud.out);
    REQUIRE(said.size() == 2);
    CHECK(said[0] == copy.string() + ": cell.paint[1].region: region 'axon' selects no branch of this cell");
    CHECK(said[1].starts_with("simulated 1 ms: "));
    const auto quiet = cajal_run(quoted(copy) + " --quiet -o " + quoted(dir.path / "b"));
    CHECK(quiet.status == 0);
    CHECK(quiet.out.empty());
}

TEST_CASE("cajal run --backend overrides the model file and the run reports where it stepped", "[run]") {
    scratch_dir dir("backend");
    auto j = passive_model();
    j["simulation"]["backend"] = "gpu";
    const fs::path wants_gpu = write_model(dir.path / "wants_gpu.json", j);
    const fs::path out = dir.path / "out";

    SECTION("--backend cpu") {
        const auto r = cajal_run(quoted(wants_gpu) + " --backend cpu -o " + quoted(out));
        REQUIRE(r.status == 0);
        CHECK(r.out.starts_with("simulated 1 ms: 40 steps of 11 CVs on cpu in "));
        CHECK(r.out.ends_with("; outputs in " + out.string() + "\n"));
        const auto s = nlohmann::json::parse(read_text(out / "summary.json"));
        CHECK(s.at("backend") == "cpu");
        CHECK(s.at("device").is_null());
    }
    SECTION("--backend gpu, or gpu in the model file, runs on a GPU or fails saying why") {
        for (const std::string& args: {quoted(wants_gpu), quoted(model("passive.json")) + " --backend gpu"}) {
            const auto r = cajal_run(args + " -o " + quoted(out));
            if (cajal::query_gpu().available) {
                REQUIRE(r.status == 0);
                CHECK(r.out.find(" on gpu (") != std::string::npos);
                const auto s = nlohmann::json::parse(read_text(out / "summary.json"));
                CHECK(s.at("backend") == "gpu");
                CHECK_FALSE(s.at("device").get<std::string>().empty());
            } else {
                CHECK(r.status == 1);
                CHECK(r.out.find("backend gpu") != std::string::npos);
                CHECK(lines(r.out).size() == 1);
                CHECK(entries(dir.path) == std::vector<std::string>{"wants_gpu.json"});   // no outputs, no staging folder
            }
        }
    }
    SECTION("an unknown backend is a usage error") {
        const auto r = cajal_run(quoted(wants_gpu) + " --backend cuda -o " + quoted(out));
        CHECK(r.status == 2);
        CHECK(r.out.starts_with("cajal: --backend: "));
        CHECK(r.out.find("cpu") != std::string::npos);
        CHECK(entries(dir.path) == std::vector<std::string>{"wants_gpu.json"});
    }
}

TEST_CASE("the example pyramidal cell spikes under its current step", "[run]") {
    scratch_dir dir("example");
    const auto r = cajal_run(quoted(cajal::test::source_dir() / "examples" / "pyramidal.json") + " -q -o " + quoted(dir.path / "out"));
    REQUIRE(r.status == 0);
    const auto times = spike_times(dir.path / "out" / "spikes.csv", "soma_spike");
    CHECK(times.size() >= 3);
    for (std::size_t i = 1; i < times.size(); ++i) CHECK(times[i] > times[i - 1]);
}

TEST_CASE("cajal run simulates a network file: spikes by gid, traces of chosen cells, a summary", "[run][network]") {
    scratch_dir dir("network");
    const fs::path out = dir.path / "net";
    const auto r = cajal_run(quoted(model("network.json")) + " -o " + quoted(out));
    REQUIRE(r.status == 0);
    CHECK(r.out.starts_with("simulated 60 ms: 13 cells (273 CVs) on 1 rank, cpu: "));
    CHECK(entries(out) == std::vector<std::string>{"spikes.csv", "summary.json", "traces.csv", "traces.svg"});

    const auto rows = lines(read_text(out / "spikes.csv"));
    REQUIRE(rows.size() > 40);
    CHECK(rows[0] == "gid,population,time (ms)");
    const std::vector<std::string> populations{"ring", "driven", "kick", "noise", "clock"};
    const std::vector<unsigned> ends{8, 13, 15, 21, 22};
    double last_time = 0;
    unsigned last_gid = 0;
    std::set<std::string> seen;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        const auto c = cells(rows[i]);
        REQUIRE(c.size() == 3);
        const unsigned gid = static_cast<unsigned>(std::stoul(c[0]));
        const double time = std::stod(c[2]);
        // Sorted by time, then gid; each gid in its population.
        CHECK((time > last_time || (time == last_time && gid > last_gid)));
        last_time = time;
        last_gid = gid;
        const auto p = std::upper_bound(ends.begin(), ends.end(), gid) - ends.begin();
        REQUIRE(p < 5);
        CHECK(c[1] == populations[std::size_t(p)]);
        seen.insert(c[1]);
    }
    CHECK(seen.size() == 5);   // every population spiked
    CHECK(rows[2] == "13,kick,1");
    CHECK(rows[3] == "14,kick,1");

    const auto traces = lines(read_text(out / "traces.csv"));
    REQUIRE(traces.size() == 1 + 121);
    CHECK(traces[0] == "time (ms),v_ring0 (mV),v_driven4 (mV),g_inh (uS)");

    const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
    CHECK(summary["ranks"] == 1);
    CHECK(summary["cells"] == 13);
    CHECK(summary["sources"] == 9);
    CHECK(summary["cvs"] == 273);
    CHECK(summary["steps"] == 2400);
    CHECK(summary["epoch_ms"] == 1.0);
    CHECK(summary["epochs"] == 60);
    CHECK(summary["spikes"] == rows.size() - 1);
    CHECK(summary["connections"].get<int>() >= 8 + 2 + 15 + 1);
    CHECK(summary["cv_steps_per_s"].get<double>() > 0);
}

TEST_CASE("a bad network file is one line naming the place, and writes nothing", "[run][network]") {
    scratch_dir dir("bad-network");
    auto j = nlohmann::json::parse(read_text(model("network.json")));
    j["cells"]["pyramidal"]["morphology"]["file"] = (model("cells") / "ball_and_stick.swc").string();
    j["connections"][0]["synapse"] = "gaba";
    const auto file = write_model(dir.path / "bad.json", j);
    const auto r = cajal_run(quoted(file) + " -o " + quoted(dir.path / "out"));
    CHECK(r.status == 1);
    CHECK(r.out == file.string() + ": connections[0].synapse: the cell of population 'ring' places no point process labelled 'gaba'; labels: syn, inh\n");
    CHECK(entries(dir.path) == std::vector<std::string>{"bad.json"});
}
