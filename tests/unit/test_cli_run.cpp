// `cajal run` as a user runs it: the built binary and its outputs, for a
// single cell and for a network alike.
#include <catch2/catch.hpp>

#include <set>

#include <cajal/core/gpu.hpp>

#include "cli_test_support.hpp"

using namespace cajal::test::cli;

namespace {

// The rows of spikes.csv after its header, each split into gid, population, detector, time.
std::vector<std::vector<std::string>> spike_rows(const fs::path& file) {
    const auto rows = lines(read_text(file));
    REQUIRE(!rows.empty());
    CHECK(rows[0] == "gid,population,detector,time (ms)");
    std::vector<std::vector<std::string>> out;
    for (std::size_t i = 1; i < rows.size(); ++i) {
        out.push_back(cells(rows[i]));
        REQUIRE(out.back().size() == 4);
    }
    return out;
}

// Times of the spikes of `detector` of gid 0, in file order.
std::vector<double> spike_times(const fs::path& file, const std::string& detector) {
    std::vector<double> times;
    for (const auto& row: spike_rows(file)) {
        if (row[0] == "0" && row[2] == detector) times.push_back(std::stod(row[3]));
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
    SECTION("spikes.csv holds the cell's spikes and its stimulus's, named, in time order") {
        const auto rows = spike_rows(out / "spikes.csv");
        const auto times = spike_times(out / "spikes.csv", "soma_spike");
        REQUIRE(times.size() >= 2);
        CHECK(times[0] > 5);     // the current step starts at 5 ms
        // The stimulus is a source of the network of one (gid 1), its spikes at 10 and 20 ms.
        std::vector<std::string> stimulus;
        for (const auto& row: rows) {
            CHECK(((row[0] == "0" && row[1] == "cell" && row[2] == "soma_spike") || (row[0] == "1" && row[1] == "stimulus0" && row[2].empty())));
            if (row[0] == "1") stimulus.push_back(row[3]);
        }
        CHECK(stimulus == std::vector<std::string>{"10", "20"});
        for (std::size_t i = 1; i < rows.size(); ++i) CHECK(std::stod(rows[i][3]) >= std::stod(rows[i - 1][3]));
    }
    SECTION("summary.json describes the run") {
        const auto s = nlohmann::json::parse(read_text(out / "summary.json"));
        CHECK(s.at("model") == model("hh_soma.json").string());
        // The model leaves the backend to `auto`: the GPU where one is usable.
        const bool gpu = cajal::query_gpu().available;
        CHECK(s.at("backend") == (gpu ? "gpu" : "cpu"));
        CHECK(s.at("device").is_null() == !gpu);
        CHECK(s.at("cells") == 1);
        CHECK(s.at("sources") == 1);
        CHECK(s.at("ranks") == 1);
        CHECK(s.at("cvs") == 5 * 3 + 5 + 1);   // 3 segments and an end node per branch, and the root's start
        CHECK(s.at("mechanism_instances").at("hh") == 3);
        CHECK(s.at("mechanism_instances").at("pas") == 12);
        CHECK(s.at("mechanism_instances").at("IClamp") == 1);
        CHECK(s.at("steps") == 2000);
        CHECK(s.at("dt_ms") == 0.025);
        CHECK(s.at("tstop_ms") == 50);
        CHECK(s.at("celsius") == 6.3);
        CHECK(s.at("method") == "backward_euler");
        CHECK(s.at("spikes").get<std::size_t>() == spike_rows(out / "spikes.csv").size());
        for (const char* phase: {"read", "build", "initialize", "integrate", "exchange", "write", "total"}) {
            CHECK(s.at("wall_time_s").at(phase).get<double>() >= 0);
        }
        CHECK(s.at("cv_steps_per_s").get<double>() > 0);
    }
    SECTION("traces.svg plots each unit in its own panel with a legend, and the spikes under them") {
        const auto svg = read_text(out / "traces.svg");
        CHECK(svg.starts_with("<svg"));
        std::size_t polylines = 0;
        for (std::size_t at = 0; (at = svg.find("<polyline", at)) != std::string::npos; ++at) ++polylines;
        CHECK(polylines == 3);
        for (const char* label: {">v_soma<", ">m_soma<", ">i_syn<", ">time (ms)<", ">mV<", ">dimensionless<", ">nA<"}) {
            CHECK(svg.find(label) != std::string::npos);
        }
        CHECK(svg.find("(1)") == std::string::npos);
        // The raster: a band for the cell and one for its stimulus.
        CHECK(svg.find("<g class=\"raster\">") != std::string::npos);
        for (const char* band: {">cell<", ">stimulus0<"}) CHECK(svg.find(band) != std::string::npos);
    }
}

TEST_CASE("cajal run writes into ./<model>.out by default and replaces a previous run's folder whole", "[run]") {
    scratch_dir dir("default");
    const fs::path out = dir.path / "passive.out";
    fs::create_directories(out);
    std::ofstream(out / "traces.csv") << "old\n";
    std::ofstream(out / "traces.svg") << "old\n";
    const auto r = run_command("cd " + quoted(dir.path) + " && " + CAJAL_CLI + " run " + quoted(model("passive.json")) + " 2>&1");
    REQUIRE(r.status == 0);
    CHECK(entries(out) == std::vector<std::string>{"spikes.csv", "summary.json", "traces.csv", "traces.svg"});
    const auto rows = lines(read_text(out / "traces.csv"));
    CHECK(rows.size() == 1 + 41);   // every step of 1 ms
    CHECK(rows[0] == "time (ms),v (mV)");
    CHECK(lines(read_text(out / "spikes.csv")) == std::vector<std::string>{"gid,population,detector,time (ms)"});
    CHECK(entries(dir.path) == std::vector<std::string>{"passive.out"});
}

TEST_CASE("cajal run --quiet prints nothing", "[run]") {
    scratch_dir dir("quiet");
    // An empty region warns; --quiet silences warnings too.
    auto j = movable_model("passive.json");
    j["cell"]["paint"].push_back({{"region", "axon"}, {"mechanism", "hh"}});
    const fs::path copy = write_model(dir.path / "warns.json", j);
    const auto loud = cajal_run(quoted(copy) + " -o " + quoted(dir.path / "a"));
    CHECK(loud.status == 0);
    const auto said = lines(loud.out);
    REQUIRE(said.size() == 2);
    CHECK(said[0] == copy.string() + ": cell.paint[1].region: warning: region 'axon' selects no part of this cell");
    CHECK(said[1].starts_with("simulated 1 ms: "));
    const auto quiet = cajal_run(quoted(copy) + " --quiet -o " + quoted(dir.path / "b"));
    CHECK(quiet.status == 0);
    CHECK(quiet.out.empty());
}

TEST_CASE("cajal run --backend overrides the model file and the run reports where it stepped", "[run]") {
    scratch_dir dir("backend");
    auto j = movable_model("passive.json");
    j["simulation"]["backend"] = "gpu";
    const fs::path wants_gpu = write_model(dir.path / "wants_gpu.json", j);
    const fs::path out = dir.path / "out";

    SECTION("--backend cpu") {
        const auto r = cajal_run(quoted(wants_gpu) + " --backend cpu -o " + quoted(out));
        REQUIRE(r.status == 0);
        CHECK(r.out.starts_with("simulated 1 ms: 40 steps of 11 CVs on cpu, 0 spikes in "));
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
                CHECK(r.status == 3);   // the machine lacks something: an environment error
                CHECK(r.out.starts_with("cajal: backend gpu: "));
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
    CHECK(r.out.starts_with("simulated 60 ms: 2400 steps of 13 cells (273 CVs) on cpu, "));
    CHECK(entries(out) == std::vector<std::string>{"spikes.csv", "summary.json", "traces.csv", "traces.svg"});

    const auto rows = spike_rows(out / "spikes.csv");
    REQUIRE(rows.size() > 40);
    const std::vector<std::string> populations{"ring", "driven", "kick", "noise", "clock"};
    const std::vector<unsigned> ends{8, 13, 15, 21, 22};
    double last_time = 0;
    unsigned last_gid = 0;
    std::set<std::string> seen;
    for (const auto& c: rows) {
        const unsigned gid = static_cast<unsigned>(std::stoul(c[0]));
        const double time = std::stod(c[3]);
        // Sorted by time, then gid; each gid in its population, cells' spikes named by their detector.
        CHECK((time > last_time || (time == last_time && gid > last_gid)));
        last_time = time;
        last_gid = gid;
        const auto p = std::upper_bound(ends.begin(), ends.end(), gid) - ends.begin();
        REQUIRE(p < 5);
        CHECK(c[1] == populations[std::size_t(p)]);
        CHECK(c[2] == (p < 2 ? "spike" : ""));
        seen.insert(c[1]);
    }
    CHECK(seen.size() == 5);   // every population spiked
    CHECK(rows[1] == std::vector<std::string>{"13", "kick", "", "1"});
    CHECK(rows[2] == std::vector<std::string>{"14", "kick", "", "1"});

    const auto traces = lines(read_text(out / "traces.csv"));
    REQUIRE(traces.size() == 1 + 121);
    CHECK(traces[0] == "time (ms),v_ring0 (mV),v_driven4 (mV),g_inh (uS)");

    const auto summary = nlohmann::json::parse(read_text(out / "summary.json"));
    CHECK(summary["ranks"] == 1);
    CHECK(summary["cells"] == 13);
    CHECK(summary["sources"] == 9);
    CHECK(summary["cvs"] == 273);
    CHECK(summary["steps"] == 2400);
    CHECK(summary["epoch_ms"] == 3.0);   // the smallest delay of a connection from a cell
    CHECK(summary["epochs"] == 20);
    CHECK(summary["spikes"] == rows.size());
    CHECK(summary["connections"].get<int>() >= 8 + 2 + 15 + 1);
    CHECK(summary["cv_steps_per_s"].get<double>() > 0);
}

TEST_CASE("a cell file and the same cell written as a network of one give identical outputs", "[run][network]") {
    scratch_dir dir("network-of-one");
    const auto cell = movable_model("hh_soma.json");
    nlohmann::json net;
    net["cells"]["soma_cell"] = cell["cell"];
    net["populations"] = {{{"name", "cell"}, {"cell", "soma_cell"}, {"count", 1}}};
    net["sources"] = {{{"name", "stimulus0"}, {"count", 1}, {"times", cell["stimuli"][0]["times"]}}};
    net["connections"] = {{{"rule", "list"}, {"connections", {{{"source", "stimulus0[0]"}, {"target", "cell[0]"}}}}, {"synapse", "syn"}, {"weight", 0.01}, {"delay", 0}}};
    net["probes"] = cell["probes"];
    for (auto& p: net["probes"]) p["cell"] = "cell[0]";
    net["simulation"] = cell["simulation"];
    const auto a = cajal_run(quoted(write_model(dir.path / "cell.json", cell)) + " -q --backend cpu -o " + quoted(dir.path / "a"));
    const auto b = cajal_run(quoted(write_model(dir.path / "net.json", net)) + " -q --backend cpu -o " + quoted(dir.path / "b"));
    REQUIRE(a.status == 0);
    REQUIRE(b.status == 0);
    for (const char* file: {"traces.csv", "spikes.csv", "traces.svg"}) {
        INFO(file);
        const auto left = read_text(dir.path / "a" / file), right = read_text(dir.path / "b" / file);
        // The plot's title names the file.
        if (std::string(file) == "traces.svg") {
            CHECK(left.size() == right.size() + std::string("cell.json").size() - std::string("net.json").size());
        } else {
            CHECK(left == right);
        }
    }
}
