// GDAL/OGR's C API (vector: OGR; datasets: GDAL), used only by the CircleGIS module.
//
// The declarations come from GDAL's own headers; the functions are defined in gdal_loader.c,
// which opens libgdal with dlopen the first time one is called. GDAL pulls in some hundred
// shared libraries (poppler, HDF5, netCDF, codecs…), whose loading and relocation took most
// of every process start, also of runs that never read or write a GIS format.
#if __has_include(<gdal/gdal.h>)
#include <gdal/gdal.h>
#include <gdal/ogr_api.h>
#include <gdal/ogr_srs_api.h>
#include <gdal/cpl_conv.h>
#include <gdal/cpl_error.h>
#include <gdal/cpl_string.h>
#else
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#endif

/// Opens libgdal now if it is not open yet; 1 when it is open, 0 when it cannot be opened
/// (then `circle_gdal_load_error()` says why). Every GDAL function opens it on first use
/// itself, and ends the process with that message (exit 1) when it cannot.
int circle_gdal_load(void);

/// Why libgdal could not be opened ("" when it was, or was not tried yet).
const char *circle_gdal_load_error(void);
