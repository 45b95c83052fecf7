// The GDAL functions ServiceCircle calls, each opening libgdal (dlopen) on first use and then
// calling the library's own function (dlsym). Linking libgdal instead made the dynamic loader
// load and relocate some hundred libraries at every process start (most of `circle --version`'s
// time), though most runs read CSV or GeoJSON and never touch GDAL.
//
// Each definition repeats the declaration in GDAL's headers (included through CGDAL.h), so the
// compiler checks every signature. To call another GDAL function from Swift, add it here.
#include "CGDAL.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// libgdal's file name: GDAL 3.x is libgdal.so.(26 + minor) (3.6 → 32), as its build sets it.
#define CIRCLE_STR2(x) #x
#define CIRCLE_STR(x) CIRCLE_STR2(x)
#if GDAL_VERSION_MAJOR == 3
#define CIRCLE_GDAL_SOVERSION (26 + GDAL_VERSION_MINOR)
static const char *const circle_gdal_names[] = {
#ifdef __APPLE__
    "libgdal." CIRCLE_STR(CIRCLE_GDAL_SOVERSION) ".dylib", "libgdal.dylib",
#else
    "libgdal.so." CIRCLE_STR(CIRCLE_GDAL_SOVERSION), "libgdal.so",
#endif
    NULL};
#else
static const char *const circle_gdal_names[] = {
#ifdef __APPLE__
    "libgdal.dylib",
#else
    "libgdal.so",
#endif
    NULL};
#endif

static void *circle_gdal_handle;
static char circle_gdal_error[1024];
static pthread_once_t circle_gdal_once = PTHREAD_ONCE_INIT;

// CIRCLE_GDAL_LIBRARY, when set, names the one library file to open (a GDAL installed elsewhere).
static void circle_gdal_open(void) {
    size_t used = 0;
    const char *chosen = getenv("CIRCLE_GDAL_LIBRARY");
    const char *const only[] = {chosen, NULL};
    const char *const *names = chosen != NULL && chosen[0] != 0 ? only : circle_gdal_names;
    for (int k = 0; names[k] != NULL; k++) {
        circle_gdal_handle = dlopen(names[k], RTLD_NOW | RTLD_LOCAL);
        if (circle_gdal_handle != NULL) {
            circle_gdal_error[0] = 0;
            return;
        }
        const char *why = dlerror();
        int n = snprintf(circle_gdal_error + used, sizeof circle_gdal_error - used, "%s%s", used > 0 ? "; " : "",
                         why != NULL ? why : names[k]);
        if (n > 0) used = used + (size_t)n < sizeof circle_gdal_error ? used + (size_t)n : sizeof circle_gdal_error - 1;
    }
}

int circle_gdal_load(void) {
    pthread_once(&circle_gdal_once, circle_gdal_open);
    return circle_gdal_handle != NULL;
}

const char *circle_gdal_load_error(void) { return circle_gdal_error; }

/// The library's function `name`; ends the process, saying why, when GDAL cannot be opened.
static void *circle_gdal_symbol(const char *name) {
    if (!circle_gdal_load()) {
        fprintf(stderr, "error: cannot open the GDAL library, needed to read or write GIS formats (%s); "
                        "install it (Debian: the libgdal package of the version circle was built with)\n",
                circle_gdal_error);
        exit(1);
    }
    void *f = dlsym(circle_gdal_handle, name);
    if (f == NULL) {
        fprintf(stderr, "error: the GDAL library opened has no %s (an older GDAL than circle was built with?)\n", name);
        exit(1);
    }
    return f;
}

// The function pointer, looked up once (a race only looks it up twice: both find the same).
#define CIRCLE_GDAL_TARGET(name)                                                                    \
    static __typeof__(&name) target = NULL;                                                         \
    __typeof__(&name) circle_f = __atomic_load_n(&target, __ATOMIC_ACQUIRE);                        \
    if (circle_f == NULL) {                                                                         \
        circle_f = (__typeof__(&name))circle_gdal_symbol(#name);                                    \
        __atomic_store_n(&target, circle_f, __ATOMIC_RELEASE);                                      \
    }

/// A function returning `ret`: `FORWARD(ret, name, (parameters), (arguments))`.
#define FORWARD(ret, name, params, args) \
    ret CPL_STDCALL name params {        \
        CIRCLE_GDAL_TARGET(name)         \
        return circle_f args;            \
    }

/// A function returning nothing.
#define FORWARD_VOID(name, params, args) \
    void CPL_STDCALL name params {       \
        CIRCLE_GDAL_TARGET(name)         \
        circle_f args;                   \
    }

// Errors and settings (cpl_error.h, cpl_conv.h, cpl_string.h, cpl_vsi.h).
FORWARD_VOID(CPLErrorReset, (void), ())
FORWARD(const char *, CPLGetLastErrorMsg, (void), ())
FORWARD(CPLErr, CPLGetLastErrorType, (void), ())
FORWARD_VOID(CPLQuietErrorHandler, (CPLErr a, CPLErrorNum b, const char *c), (a, b, c))
FORWARD(CPLErrorHandler, CPLSetErrorHandler, (CPLErrorHandler a), (a))
FORWARD_VOID(CPLSetThreadLocalConfigOption, (const char *a, const char *b), (a, b))
FORWARD(char *, CPLRecode, (const char *a, const char *b, const char *c), (a, b, c))
FORWARD_VOID(VSIFree, (void *a), (a))
FORWARD(char **, CSLAddString, (char **a, const char *b), (a, b))
FORWARD_VOID(CSLDestroy, (char **a), (a))

// Datasets and drivers (gdal.h).
FORWARD_VOID(GDALAllRegister, (void), ())
FORWARD(const char *, GDALVersionInfo, (const char *a), (a))
FORWARD(GDALDatasetH, GDALOpenEx,
        (const char *a, unsigned int b, const char *const *c, const char *const *d, const char *const *e),
        (a, b, c, d, e))
FORWARD_VOID(GDALClose, (GDALDatasetH a), (a))
FORWARD(GDALDriverH, GDALGetDriverByName, (const char *a), (a))
FORWARD(GDALDatasetH, GDALCreate, (GDALDriverH a, const char *b, int c, int d, int e, GDALDataType f, CSLConstList g),
        (a, b, c, d, e, f, g))
FORWARD(int, GDALDatasetGetLayerCount, (GDALDatasetH a), (a))
FORWARD(OGRLayerH, GDALDatasetGetLayer, (GDALDatasetH a, int b), (a, b))
FORWARD(OGRLayerH, GDALDatasetGetLayerByName, (GDALDatasetH a, const char *b), (a, b))
FORWARD(OGRLayerH, GDALDatasetCreateLayer,
        (GDALDatasetH a, const char *b, OGRSpatialReferenceH c, OGRwkbGeometryType d, CSLConstList e),
        (a, b, c, d, e))

// Layers, features, fields (ogr_api.h).
FORWARD(OGRFeatureDefnH, OGR_L_GetLayerDefn, (OGRLayerH a), (a))
FORWARD(const char *, OGR_L_GetName, (OGRLayerH a), (a))
FORWARD(OGRFeatureH, OGR_L_GetNextFeature, (OGRLayerH a), (a))
FORWARD(OGRSpatialReferenceH, OGR_L_GetSpatialRef, (OGRLayerH a), (a))
FORWARD_VOID(OGR_L_ResetReading, (OGRLayerH a), (a))
FORWARD(OGRErr, OGR_L_StartTransaction, (OGRLayerH a), (a))
FORWARD(OGRErr, OGR_L_CommitTransaction, (OGRLayerH a), (a))
FORWARD(OGRErr, OGR_L_CreateFeature, (OGRLayerH a, OGRFeatureH b), (a, b))
FORWARD(OGRErr, OGR_L_CreateField, (OGRLayerH a, OGRFieldDefnH b, int c), (a, b, c))
FORWARD(int, OGR_FD_GetFieldCount, (OGRFeatureDefnH a), (a))
FORWARD(OGRFieldDefnH, OGR_FD_GetFieldDefn, (OGRFeatureDefnH a, int b), (a, b))
FORWARD(int, OGR_FD_GetGeomFieldCount, (OGRFeatureDefnH a), (a))
FORWARD(OGRFeatureH, OGR_F_Create, (OGRFeatureDefnH a), (a))
FORWARD_VOID(OGR_F_Destroy, (OGRFeatureH a), (a))
FORWARD(GIntBig, OGR_F_GetFID, (OGRFeatureH a), (a))
FORWARD(double, OGR_F_GetFieldAsDouble, (OGRFeatureH a, int b), (a, b))
FORWARD(const char *, OGR_F_GetFieldAsString, (OGRFeatureH a, int b), (a, b))
FORWARD(OGRFieldDefnH, OGR_F_GetFieldDefnRef, (OGRFeatureH a, int b), (a, b))
FORWARD(OGRGeometryH, OGR_F_GetGeometryRef, (OGRFeatureH a), (a))
FORWARD(int, OGR_F_IsFieldSetAndNotNull, (OGRFeatureH a, int b), (a, b))
FORWARD_VOID(OGR_F_SetFieldDouble, (OGRFeatureH a, int b, double c), (a, b, c))
FORWARD_VOID(OGR_F_SetFieldInteger64, (OGRFeatureH a, int b, GIntBig c), (a, b, c))
FORWARD_VOID(OGR_F_SetFieldNull, (OGRFeatureH a, int b), (a, b))
FORWARD_VOID(OGR_F_SetFieldString, (OGRFeatureH a, int b, const char *c), (a, b, c))
FORWARD(OGRErr, OGR_F_SetGeometryDirectly, (OGRFeatureH a, OGRGeometryH b), (a, b))
FORWARD(OGRFieldDefnH, OGR_Fld_Create, (const char *a, OGRFieldType b), (a, b))
FORWARD_VOID(OGR_Fld_Destroy, (OGRFieldDefnH a), (a))
FORWARD(const char *, OGR_Fld_GetNameRef, (OGRFieldDefnH a), (a))
FORWARD(OGRFieldType, OGR_Fld_GetType, (OGRFieldDefnH a), (a))

// Geometries (ogr_api.h, ogr_core.h).
FORWARD(const char *, OGRGeometryTypeToName, (OGRwkbGeometryType a), (a))
FORWARD(OGRwkbGeometryType, OGR_GT_Flatten, (OGRwkbGeometryType a), (a))
FORWARD(OGRGeometryH, OGR_G_CreateGeometry, (OGRwkbGeometryType a), (a))
FORWARD(OGRErr, OGR_G_AddGeometryDirectly, (OGRGeometryH a, OGRGeometryH b), (a, b))
FORWARD_VOID(OGR_G_AddPoint_2D, (OGRGeometryH a, double b, double c), (a, b, c))
FORWARD_VOID(OGR_G_SetPoint_2D, (OGRGeometryH a, int b, double c, double d), (a, b, c, d))
FORWARD(int, OGR_G_GetGeometryCount, (OGRGeometryH a), (a))
FORWARD(OGRGeometryH, OGR_G_GetGeometryRef, (OGRGeometryH a, int b), (a, b))
FORWARD(OGRwkbGeometryType, OGR_G_GetGeometryType, (OGRGeometryH a), (a))
FORWARD(int, OGR_G_GetPointCount, (OGRGeometryH a), (a))
FORWARD(int, OGR_G_GetPoints, (OGRGeometryH a, void *b, int c, void *d, int e, void *f, int g), (a, b, c, d, e, f, g))
FORWARD(double, OGR_G_GetX, (OGRGeometryH a, int b), (a, b))
FORWARD(double, OGR_G_GetY, (OGRGeometryH a, int b), (a, b))
FORWARD(int, OGR_G_IsEmpty, (OGRGeometryH a), (a))

// Spatial reference systems (ogr_srs_api.h).
FORWARD(OGRSpatialReferenceH, OSRNewSpatialReference, (const char *a), (a))
FORWARD(OGRSpatialReferenceH, OSRClone, (OGRSpatialReferenceH a), (a))
FORWARD_VOID(OSRDestroySpatialReference, (OGRSpatialReferenceH a), (a))
FORWARD_VOID(OSRRelease, (OGRSpatialReferenceH a), (a))
FORWARD(OGRErr, OSRSetFromUserInput, (OGRSpatialReferenceH a, const char *b), (a, b))
FORWARD_VOID(OSRSetAxisMappingStrategy, (OGRSpatialReferenceH a, OSRAxisMappingStrategy b), (a, b))
FORWARD(OGRErr, OSRAutoIdentifyEPSG, (OGRSpatialReferenceH a), (a))
FORWARD(OGRErr, OSRExportToWktEx, (OGRSpatialReferenceH a, char **b, const char *const *c), (a, b, c))
FORWARD(const char *, OSRGetAuthorityName, (OGRSpatialReferenceH a, const char *b), (a, b))
FORWARD(const char *, OSRGetAuthorityCode, (OGRSpatialReferenceH a, const char *b), (a, b))
