/* i18n.h: gettext set-up shared by hosod, libhoso and the hoso CLI.
 * Text domain "hoso"; catalogues come from po/ (Vietnamese first). */
#ifndef HOSO_I18N_H
#define HOSO_I18N_H

#include <libintl.h>

#define HOSO_TEXTDOMAIN "hoso"
#define _(s) dgettext(HOSO_TEXTDOMAIN, s)
#define N_(s) (s)

/* Follow LANG/LC_ALL/LC_MESSAGES and find the catalogues: $HOSO_LOCALEDIR,
 * else a locale/ directory beside the executable (the build tree), else the
 * installed share/locale.  When the user's locale is not installed on the
 * machine (vi_VN.UTF-8 often is not), fall back to C.UTF-8 and pass the
 * language on through LANGUAGE so the messages are still translated. */
void i18n_init(void);

#endif
