// GLPK behind cmip.h: the only file that includes glpk.h.
#include "cmip.h"
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    int maximize;
    double bound;
    int has_bound;
    const double *start;   ///< 1-based copy of the starting solution, or NULL
    int start_given;
} tracker;

/// Records the best bound of the open nodes whenever the search selects a node or finds a solution,
/// and offers the starting solution as the first incumbent at the first heuristic point.
static void track(glp_tree *tree, void *info) {
    tracker *t = (tracker *)info;
    int reason = glp_ios_reason(tree);
    if (reason == GLP_IHEUR && t->start && !t->start_given) {
        t->start_given = 1;
        glp_ios_heur_sol(tree, t->start);
    }
    if (reason != GLP_ISELECT && reason != GLP_IBINGO && reason != GLP_IROWGEN) return;
    int node = glp_ios_best_node(tree);
    if (node == 0) return;
    double b = glp_ios_node_bound(tree, node);
    t->bound = b;
    t->has_bound = 1;
}

static int silent(void *info, const char *s) { (void)info; (void)s; return 1; }

int cmip_solve(int columns, const double *objective, const unsigned char *integral, int maximize,
               int rows, const int *sense, const double *rhs, const int *row_start, const int *column,
               const double *value, double time_limit_seconds, double mip_gap, const double *start, double *x,
               cmip_result *result) {
    memset(result, 0, sizeof *result);
    glp_term_hook(silent, NULL);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    glp_prob *p = glp_create_prob();
    glp_set_obj_dir(p, maximize ? GLP_MAX : GLP_MIN);
    if (columns > 0) glp_add_cols(p, columns);
    for (int j = 0; j < columns; j++) {
        glp_set_col_bnds(p, j + 1, GLP_DB, 0.0, 1.0);
        glp_set_obj_coef(p, j + 1, objective[j]);
        glp_set_col_kind(p, j + 1, integral[j] ? GLP_BV : GLP_CV);
    }
    if (rows > 0) glp_add_rows(p, rows);
    int nnz = row_start[rows];
    int *ind = malloc(sizeof(int) * (size_t)(nnz + 1));
    double *val = malloc(sizeof(double) * (size_t)(nnz + 1));
    for (int i = 0; i < rows; i++) {
        glp_set_row_bnds(p, i + 1, sense[i] == CMIP_ROW_GE ? GLP_LO : GLP_UP, rhs[i], rhs[i]);
        int n = 0;
        for (int k = row_start[i]; k < row_start[i + 1]; k++) {
            n++;
            ind[n] = column[k] + 1;
            val[n] = value[k];
        }
        glp_set_mat_row(p, i + 1, n, ind, val);
    }
    free(ind);
    free(val);

    double *start1 = NULL;   // GLPK numbers columns from 1
    if (start) {
        start1 = malloc(sizeof(double) * (size_t)(columns + 1));
        start1[0] = 0;
        memcpy(start1 + 1, start, sizeof(double) * (size_t)columns);
    }
    tracker t = {maximize, 0.0, 0, start1, 0};
    int limit_ms = time_limit_seconds > 2e6 ? 2000000000 : (int)(time_limit_seconds * 1000.0);

    // The LP relaxation first, under the time limit: glp_intopt's own presolver solves it with no
    // limit at all, which let a large instance overrun --time-limit by minutes.
    glp_smcp lp;
    glp_init_smcp(&lp);
    lp.msg_lev = GLP_MSG_OFF;
    lp.presolve = GLP_ON;
    lp.tm_lim = limit_ms;
    int lp_rc = glp_simplex(p, &lp);
    int rc, status;
    if (lp_rc == GLP_ETMLIM) {
        rc = GLP_ETMLIM;
        status = GLP_UNDEF;
    } else if (lp_rc == GLP_ENOPFS || (lp_rc == 0 && glp_get_status(p) == GLP_NOFEAS)) {
        rc = 0;
        status = GLP_NOFEAS;
    } else if (lp_rc != 0 || glp_get_status(p) != GLP_OPT) {
        rc = lp_rc != 0 ? lp_rc : GLP_EFAIL;
        status = GLP_UNDEF;
    } else {
        t.bound = glp_get_obj_val(p);   // the root's bound, should the search stop before its first node
        t.has_bound = 1;
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double spent = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        glp_iocp parm;
        glp_init_iocp(&parm);
        parm.msg_lev = GLP_MSG_OFF;
        parm.presolve = GLP_OFF;   // starts from the optimal basis just found
        parm.mip_gap = mip_gap;
        double left = time_limit_seconds - spent;
        parm.tm_lim = left > 2e6 ? 2000000000 : (left < 0.001 ? 1 : (int)(left * 1000.0));
        parm.cb_func = track;
        parm.cb_info = &t;
        parm.gmi_cuts = GLP_ON;
        parm.fp_heur = GLP_ON;
        rc = glp_intopt(p, &parm);
        status = glp_mip_status(p);
    }
    free(start1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    result->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

    if (rc == 0 && status == GLP_OPT) {
        result->status = CMIP_OPTIMAL;
    } else if ((rc == 0 || rc == GLP_ETMLIM) && status == GLP_FEAS) {
        result->status = rc == 0 ? CMIP_OPTIMAL : CMIP_FEASIBLE;
    } else if (rc == GLP_ETMLIM) {
        result->status = CMIP_NO_SOLUTION;
    } else if (rc == GLP_ENOPFS || rc == GLP_ENODFS || status == GLP_NOFEAS) {
        result->status = CMIP_INFEASIBLE;
    } else {
        result->status = CMIP_FAILED;
        snprintf(result->message, sizeof result->message, "glp_intopt returned %d (mip status %d)", rc, status);
    }
    if (result->status == CMIP_OPTIMAL || result->status == CMIP_FEASIBLE) {
        result->objective = glp_mip_obj_val(p);
        for (int j = 0; j < columns; j++) x[j] = glp_mip_col_val(p, j + 1);
        result->bound = result->status == CMIP_OPTIMAL ? result->objective : (t.has_bound ? t.bound : result->objective);
    }
    glp_delete_prob(p);
    glp_term_hook(NULL, NULL);
    return result->status;
}
