#ifndef CMIP_H
#define CMIP_H

/// A 0-1 mixed-integer program solved by GLPK's branch and cut (glp_intopt, presolve on), behind
/// a plain C interface: no GLPK type crosses it, and GLPK never prints.

/// How a solve ended.
enum {
    CMIP_OPTIMAL = 0,       ///< proven optimal (within `mip_gap`)
    CMIP_FEASIBLE = 1,      ///< stopped at the time limit with a solution; `bound` says how far it may be
    CMIP_NO_SOLUTION = 2,   ///< stopped at the time limit before any solution
    CMIP_INFEASIBLE = 3,    ///< no solution exists
    CMIP_FAILED = 4         ///< GLPK failed (message in `message`)
};

/// Row senses.
enum { CMIP_ROW_GE = 0, CMIP_ROW_LE = 1 };

typedef struct {
    int status;
    double objective;     ///< of the solution returned (when there is one)
    double bound;         ///< best bound proven (equals objective when optimal)
    double seconds;
    char message[160];
} cmip_result;

/// Solves max (or min) objective·x over columns in [0, 1], integral where `integral[j]` is nonzero,
/// subject to rows `sum_k value[k]·x[column[k]] (>= or <=) rhs[i]` for the entries k of row i,
/// `row_start[i] <= k < row_start[i + 1]` (columns 0-based). `x` receives the solution.
/// `start` (may be NULL): a feasible solution (one value per column) given to the search as its
/// first incumbent, so a search stopped at the time limit still has it and a bound to measure it by.
/// The time limit covers the LP relaxation too (solved first, then branch and cut from its basis).
int cmip_solve(int columns, const double *objective, const unsigned char *integral, int maximize,
               int rows, const int *sense, const double *rhs, const int *row_start, const int *column,
               const double *value, double time_limit_seconds, double mip_gap, const double *start, double *x,
               cmip_result *result);

#endif
