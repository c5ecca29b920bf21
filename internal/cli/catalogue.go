package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"

	"congvu/internal/audit"
	"congvu/internal/store"
)

func init() {
	extraCommands = append(extraCommands, command{"catalogue", "danh mục thủ tục: export | import (Excel) / the procedure catalogue as a workbook", (*Main).catalogue})
}

const catalogueUsage = `catalogue export --agency ID [--out FILE] [--db PATH|URL]
       catalogue import FILE --agency ID [--db PATH|URL]

  --agency  the agency's id, as "congvu agencies" lists them
  export   writes every version of the agency's procedures as an Excel workbook
           (one row per version; see store.CatalogueSheet for the columns), to
           FILE or to standard output
  import   adds a new version of each row's procedure, all in one transaction;
           when any row is wrong, lists every wrong cell (row, column, message)
           and imports nothing (exit status 2)`

func (m *Main) catalogue(ctx context.Context, args []string) error {
	fs := m.flags("catalogue", catalogueUsage)
	dbURL := m.dbFlag(fs)
	agency := fs.Int64("agency", 0, "cơ quan (mã số) / the agency's id")
	out := fs.String("out", "", "tệp xuất (mặc định: đầu ra chuẩn) / file to write (default: standard output)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || pos[0] != "export" && pos[0] != "import" {
		fs.Usage()
		return usagef("thiếu lệnh con export hoặc import / missing subcommand export or import")
	}
	if *agency <= 0 {
		return usagef("thiếu --agency / --agency is required")
	}
	if pos[0] == "import" && len(pos) != 2 || pos[0] == "export" && len(pos) != 1 {
		return usagef("cách dùng / usage: %s", catalogueUsage)
	}
	db, err := m.open(ctx, *dbURL, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := agencyArg(ctx, db, *agency); err != nil {
		return err
	}
	if pos[0] == "export" {
		w := m.Stdout
		var f *os.File
		if *out != "" {
			if f, err = os.Create(*out); err != nil {
				return usagef("không tạo được tệp / cannot create %s: %v", *out, err)
			}
			w = f
		}
		bw := bufio.NewWriter(w)
		n, err := db.ExportCatalogueXLSX(ctx, *agency, bw)
		if err == nil {
			err = bw.Flush()
		}
		if f != nil {
			if cerr := f.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			return err
		}
		if *out != "" {
			fmt.Fprintf(m.Stdout, "Đã xuất %d phiên bản thủ tục vào %s / exported %d procedure versions to %s\n", n, *out, n, *out)
		}
		return nil
	}
	f, err := os.Open(pos[1])
	if err != nil {
		return usagef("không mở được tệp / cannot open %s: %v", pos[1], err)
	}
	defer f.Close()
	n, err := db.ImportCatalogueXLSX(ctx, audit.System("cli"), *agency, bufio.NewReader(f))
	var ce *store.CatalogueError
	if errors.As(err, &ce) {
		for _, r := range ce.Rows {
			fmt.Fprintf(m.Stderr, "dòng/row %d, cột/column %s: %s / %s\n", r.Row, r.Column, r.VI, r.EN)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Đã nhập %d phiên bản thủ tục / imported %d procedure versions\n", n, n)
	return nil
}
