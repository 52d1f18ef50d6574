#pragma once
// A run's output folder, all or nothing: files are written into a staging
// folder beside it (.NAME.staging-PID) and the folder is swapped in whole at
// the end (the previous one is kept until the new one is in place), so
// readers see the old outputs or the new ones, never a mix. A run that dies
// leaves its staging folder; the next run into the same place removes those
// of processes that are gone (and puts back a previous folder that a crash
// left out of place).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cajal::cli {

// The files a run writes: an existing folder is replaced only when it holds
// nothing else.
const std::vector<std::string>& output_file_names();

// Throws environment_error (unwritable place) or input_error (a target that
// is not a folder, the current folder or one above it, or a folder holding
// other files), before any work.
void check_output_folder(const std::filesystem::path& target);

class staged_output {
public:
    explicit staged_output(const std::filesystem::path& target);
    staged_output(const staged_output&) = delete;
    staged_output& operator=(const staged_output&) = delete;
    ~staged_output();   // removes the staging folder unless committed

    void write(const std::string& name, std::string_view text);
    void commit();

private:
    std::filesystem::path target_, staging_;
    bool committed_ = false;
};

} // namespace cajal::cli
