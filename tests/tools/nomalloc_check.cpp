// Runs the EKF and UKF SoC steps with Eigen's heap allocation forbidden
// (EIGEN_RUNTIME_NO_MALLOC, Eigen::internal::set_is_malloc_allowed(false)). Built from the models
// sources with NDEBUG undefined, so that a forbidden allocation fails Eigen's assertion and
// aborts the process: tests/models/no_malloc_test.cpp runs this program and checks its exit.
// Its own process because the flag must be the same in every translation unit that includes
// Eigen (the gtest binary's models library is built without it).
//   nomalloc_check          10,000 steps of each filter; exit 0 and a summary line
//   nomalloc_check control  allocates a dynamic matrix while forbidden: must abort
#ifndef EIGEN_RUNTIME_NO_MALLOC
#error "build with EIGEN_RUNTIME_NO_MALLOC"
#endif
#ifdef NDEBUG
#error "build without NDEBUG: the check is an eigen_assert"
#endif
#include "models/ekf_soc.h"
#include "models/ukf_soc.h"

#include <Eigen/Core>
#include <cmath>
#include <cstdio>
#include <cstring>

using namespace pg::models;

int main(int argc, char** argv)
{
    auto ocv = OcvTable::fromPoints({ 0.0, 0.1, 0.5, 0.9, 1.0 }, { 3.0, 3.45, 3.65, 3.95, 4.2 });
    if (!ocv)
        return 2;
    EkfSocConfig cfg;
    cfg.params = EcmParams { 2, 0.012, { 0.010, 0.015 }, { 2.0, 60.0 } };
    cfg.initialSoc = 0.6;
    EkfSoc ekf(cfg, *ocv);
    UkfSoc ukf(cfg, *ocv);
    Eigen::internal::set_is_malloc_allowed(false);
    if (argc > 1 && std::strcmp(argv[1], "control") == 0) {
        Eigen::MatrixXd m(40, 40); // must abort here
        std::printf("control allocated %ld\n", static_cast<long>(m.size()));
        return 0;
    }
    for (int n = 0; n < 10000; ++n) {
        const double i = std::fmod(n, 300.0) < 100.0 ? 5.0 : 0.0;
        ekf.step(1.0, i, 3.7 - 0.03 * i);
        ukf.step(1.0, i, 3.7 - 0.03 * i);
    }
    Eigen::internal::set_is_malloc_allowed(true);
    std::printf("ok: 10000 EKF and 10000 UKF steps without heap allocation (soc %.4f, %.4f)\n",
        ekf.soc(), ukf.soc());
    return 0;
}
