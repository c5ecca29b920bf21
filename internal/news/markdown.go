package news

import (
	"html"
	"regexp"
	"strings"
)

// RenderMarkdown turns an article's Markdown body into the HTML subset the
// portal serves: paragraphs, headings (# and ## h2, ### h3, #### h4: the page's h1
// is the title), lists, quotes, **bold**, *italic*, links and images. Nothing the
// writer typed is ever passed through as markup: the text is escaped first
// and only the tags above are written by this code, so a <script>, an
// onerror= or a <style> in a body shows as text. A link or image address
// is kept only if it is http(s), mailto (links) or a path on this site;
// anything else (javascript:, data:, vbscript:, entity tricks) becomes
// plain text.
//
// It is deliberately small, not CommonMark: a writer of the agency needs
// sections, lists and links, and a renderer that fits on one page can be
// read and trusted.
func RenderMarkdown(src string) string {
	var out strings.Builder
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var para []string
	list := "" // "ul" or "ol" while a list is open
	flushPara := func() {
		if len(para) > 0 {
			out.WriteString("<p>" + inline(strings.Join(para, "\n")) + "</p>\n")
			para = nil
		}
	}
	closeList := func() {
		if list != "" {
			out.WriteString("</" + list + ">\n")
			list = ""
		}
	}
	openList := func(kind string) {
		if list != kind {
			closeList()
			out.WriteString("<" + kind + ">\n")
			list = kind
		}
	}
	for _, raw := range lines {
		line := strings.TrimRight(raw, " \t")
		trim := strings.TrimLeft(line, " \t")
		switch {
		case trim == "":
			flushPara()
			closeList()
		case strings.HasPrefix(trim, "#"):
			flushPara()
			closeList()
			level := len(trim) - len(strings.TrimLeft(trim, "#"))
			text := strings.TrimSpace(trim[level:])
			// The page's h1 is the title: # and ## are its sections (h2),
			// ### and deeper h3 and h4.
			level = min(max(level, 2), 4)
			tag := "h" + string(rune('0'+level))
			out.WriteString("<" + tag + ">" + inline(text) + "</" + tag + ">\n")
		case strings.HasPrefix(trim, "- ") || strings.HasPrefix(trim, "* "):
			flushPara()
			openList("ul")
			out.WriteString("<li>" + inline(strings.TrimSpace(trim[2:])) + "</li>\n")
		case orderedItem.MatchString(trim):
			flushPara()
			openList("ol")
			out.WriteString("<li>" + inline(orderedItem.ReplaceAllString(trim, "")) + "</li>\n")
		case strings.HasPrefix(trim, ">"):
			flushPara()
			closeList()
			out.WriteString("<blockquote><p>" + inline(strings.TrimSpace(trim[1:])) + "</p></blockquote>\n")
		default:
			closeList()
			para = append(para, trim)
		}
	}
	flushPara()
	closeList()
	return out.String()
}

var (
	orderedItem = regexp.MustCompile(`^[0-9]{1,3}[.)] +`)
	linkOrImage = regexp.MustCompile(`(!?)\[([^\]\n]*)\]\(([^()\s]+)\)`)
	strong      = regexp.MustCompile(`\*\*([^*\n]+)\*\*`)
	emphasis    = regexp.MustCompile(`\*([^*\n]+)\*`)
)

// inline renders one block's text: escaped, then links and images, then
// emphasis outside them.
func inline(text string) string {
	var b strings.Builder
	last := 0
	for _, m := range linkOrImage.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(emph(html.EscapeString(text[last:m[0]])))
		image := m[3] > m[2]
		label, addr := text[m[4]:m[5]], text[m[6]:m[7]]
		switch {
		case image && safeImage(addr):
			b.WriteString(`<img src="` + html.EscapeString(addr) + `" alt="` + html.EscapeString(label) + `" loading="lazy">`)
		case !image && safeLink(addr):
			b.WriteString(`<a href="` + html.EscapeString(addr) + `" rel="nofollow noopener">` + emph(html.EscapeString(label)) + `</a>`)
		default: // an address we do not serve: its text only
			b.WriteString(emph(html.EscapeString(label)))
		}
		last = m[1]
	}
	b.WriteString(emph(html.EscapeString(text[last:])))
	return strings.ReplaceAll(b.String(), "\n", "<br>\n")
}

func emph(escaped string) string {
	return emphasis.ReplaceAllString(strong.ReplaceAllString(escaped, "<strong>$1</strong>"), "<em>$1</em>")
}

// safeLink allows web and mail addresses and paths on this site; the
// address is what the writer typed, so no entity can smuggle a scheme in
// (the text is escaped when written).
func safeLink(addr string) bool {
	l := strings.ToLower(addr)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "mailto:") ||
		strings.HasPrefix(l, "#") || sitePath(l)
}

// safeImage allows images on this site or over https.
func safeImage(addr string) bool {
	l := strings.ToLower(addr)
	return strings.HasPrefix(l, "https://") || sitePath(l)
}

// sitePath is a path on this site: "/..." but not "//host" (another
// site) nor "/\host", which some browsers read as one.
func sitePath(l string) bool {
	return strings.HasPrefix(l, "/") && !strings.HasPrefix(l, "//") && !strings.HasPrefix(l, `/\`)
}

// ImagesWithoutAlt counts the images of a body that have no description:
// every image needs one (WCAG 1.1.1), so saving such a body is refused.
func ImagesWithoutAlt(src string) int {
	n := 0
	for _, m := range linkOrImage.FindAllStringSubmatch(src, -1) {
		if m[1] == "!" && strings.TrimSpace(m[2]) == "" {
			n++
		}
	}
	return n
}

// PlainText is the body without its markup, for the summary of a feed or
// a search snippet when the writer left the summary empty.
func PlainText(src string) string {
	s := linkOrImage.ReplaceAllString(src, "$2")
	s = strings.NewReplacer("**", "", "*", "", "#", "", "> ", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
