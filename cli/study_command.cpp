#include "study_command.hpp"

#include <cstdio>

#include <fmt/core.h>

#include <cajal/io/run_output.hpp>
#include <cajal/io/study_output.hpp>
#include <cajal/study/study_features.hpp>

#include "interrupt.hpp"
#include "output_folder.hpp"
#include "run_support.hpp"

namespace cajal::cli {

int run_study_file(const run_options& options, const model_file& file, const std::filesystem::path& out_dir, double read_seconds) {
    const study& s = *file.study;
    study_timings timings;
    timings.read = read_seconds;
    const study_results results = run_study(s, file.catalogue);
    timings.simulate = results.simulate_seconds;

    const auto start = clock_type::now();
    const auto rows = study_features(s, results);
    const staging_guard guard;
    staged_output out(out_dir);
    out.write("features.csv", features_csv(s, rows));
    out.write("variants.csv", variants_csv(s));
    const std::string title = std::filesystem::path(options.file).filename().string();
    out.write("features.svg", study_features_svg(s, results, rows, title));
    if (!results.runs.empty()) {
        out.write("fi.csv", fi_csv(s, results));
        out.write("fi.svg", study_fi_svg(s, results, title));
    }
    if (!results.rheobases.empty()) out.write("rheobase.csv", rheobase_csv(s, results));
    if (const auto traces = study_traces(s, results); !traces.empty()) out.write("traces.csv", traces_csv(traces));
    timings.write = seconds_since(start);
    out.write("summary.json", study_summary(options.file, s, results, timings).dump(2) + "\n");
    out.commit();
    if (!options.quiet) {
        fmt::print("studied {} variants under {} protocols: {} runs in {} simulations of {} cells in {:.3g} s; outputs in {}\n", s.variants.size(),
                   s.protocols.size(), results.runs.size() + results.rheobases.size(), results.simulations, results.cells, results.simulate_seconds,
                   out_dir.string());
    }
    return 0;
}

} // namespace cajal::cli
