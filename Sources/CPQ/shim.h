// libpq, PostgreSQL's C client library, used only by the CircleStore module (the PostGIS run store).
#include <libpq-fe.h>
