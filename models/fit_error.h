#pragma once

#include <string>
#include <tl/expected.hpp>

namespace pg::models {

// Why an estimator could not produce a number: what was expected and where (a file:line, or the
// part of the record such as "pulse at t=12.0 s"). The CLI maps it to exit code 3.
struct FitError {
    std::string where; // "file.csv:17", "fit-ecm", ...
    std::string what; // what was expected or what failed

    std::string toString() const { return where.empty() ? what : where + ": " + what; }
};

template <typename T>
using Result = tl::expected<T, FitError>;

inline tl::unexpected<FitError> fitError(std::string where, std::string what)
{
    return tl::unexpected<FitError>(FitError { std::move(where), std::move(what) });
}

} // namespace pg::models
