/* style.c: the application's CSS, loaded once for the display.
 *
 * Classes the views use:
 *   .on-time .due-soon .overdue .suspended .closed   a deadline's state
 *                     (text colour; with .tag, a coloured pill instead)
 *   .stage-column     a column of the pipeline board, .column-title its
 *                     heading
 *   .person-card      a candidate's card in a column
 *   .count-badge      a small round count (unacknowledged alerts)
 *   .banner           the strip that says the connection is lost
 *   .form-error       an error under a form or a field
 * Colours are the darker shades of the GNOME palette so that text stays
 * readable on Adwaita's light background; colour is never the only
 * signal (the views also write the state in words). */
#include "style.h"

static const char hoso_css[] =
	".on-time { color: #1b7a45; }\n"
	".due-soon { color: #9a5b00; }\n"
	".overdue { color: #c01c28; font-weight: bold; }\n"
	".suspended { color: #5e5c64; font-style: italic; }\n"
	".closed { color: #5e5c64; opacity: 0.75; }\n"
	"\n"
	".tag { border-radius: 999px; padding: 1px 8px; font-size: smaller;"
	" font-weight: bold; background-color: #deddda; color: #241f31; }\n"
	".tag.on-time { background-color: #1b7a45; color: #ffffff; }\n"
	".tag.due-soon { background-color: #e5a50a; color: #241f31; }\n"
	".tag.overdue { background-color: #c01c28; color: #ffffff; }\n"
	".tag.suspended { background-color: #77767b; color: #ffffff; }\n"
	".tag.closed { background-color: #deddda; color: #3d3846; }\n"
	"\n"
	".stage-column { background-color: #ebebed; border-radius: 12px;"
	" padding: 6px; }\n"
	".column-title { padding: 6px 6px 3px 6px; }\n"
	".person-card { background-color: #ffffff; border-radius: 8px;"
	" padding: 8px 10px; box-shadow: 0 1px 2px alpha(#000000, 0.18); }\n"
	".person-card:hover { background-color: #f6f5f4; }\n"
	"\n"
	".count-badge { background-color: #c01c28; color: #ffffff;"
	" border-radius: 999px; padding: 0 6px; min-width: 10px;"
	" font-size: smaller; font-weight: bold; }\n"
	"\n"
	".banner { background-color: #f8e45c; color: #241f31;"
	" padding: 8px 18px; border-bottom: 1px solid #e5a50a; }\n"
	".banner label { font-weight: bold; }\n"
	"\n"
	".form-error { color: #c01c28; }\n"
	".sidebar-pane { background-color: #fafafa; }\n";

void
hoso_style_load(GdkDisplay *display)
{
	GtkCssProvider *css = gtk_css_provider_new();
	gtk_css_provider_load_from_data(css, hoso_css, -1);
	gtk_style_context_add_provider_for_display(display,
	    GTK_STYLE_PROVIDER(css), GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
	g_object_unref(css);
}
