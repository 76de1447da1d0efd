/* style.h: hoso-gtk's own CSS (colours of deadlines, the pipeline's
 * columns, the reconnect banner) on top of the theme. */
#ifndef HOSO_GTK_STYLE_H
#define HOSO_GTK_STYLE_H

#include <gtk/gtk.h>

/* Load the application's CSS for every window of display. */
void hoso_style_load(GdkDisplay *display);

#endif
