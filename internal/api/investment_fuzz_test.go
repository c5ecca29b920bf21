package api

// Realistic bodies (and near misses) of the register's routes for
// FuzzDecodeJSON.
func init() {
	requestSeeds["createInvestor"] = []string{
		`{"name":"Ban Quản lý dự án đầu tư xây dựng tỉnh Bắc Ninh","kind":"board"}`,
		`{"name":"UBND xã Tiên Du","kind":"commune"}`,
		`{"name":"x","kind":"bank"}`,
	}
	requestSeeds["createInvestorStaff"] = []string{
		`{"full_name":"Trần Thị Lan","login":"bqlda.lan","password":"mat-khau-du-dai","email":"lan@bqlda.bacninh.gov.vn","phone":"0912 345 678","position":"Cán bộ kỹ thuật"}`,
		`{"full_name":"","login":"","password":"ngan"}`,
	}
	requestSeeds["createProject"] = []string{
		`{"code":"DA-2026-001","name":"Xây dựng Trường THCS Tiên Du","investor_id":1,"sector_band":"k5","total_investment":{"central":0,"provincial":85000000000,"oda":10000000000},"start_year":2026,"end_year":2028,"commune":"Xã Tiên Du"}`,
		`{"code":"DA-2026-002","name":"Đường tỉnh 295","investor_id":1,"sector_band":"k2","total_investment":{"provincial":-1,"central":1.5},"start_year":2028,"end_year":2026}`,
		`{"code":"","name":"x","investor_id":"1","sector_band":"k9","total_investment":{"bank":1}}`,
	}
	requestSeeds["createProjectEvent"] = []string{
		`{"action":"adjust","total_investment":{"provincial":120000000000},"decision":{"number":"123/QĐ-UBND","date":"2026-06-15","signer":"Chủ tịch UBND tỉnh"},"reason":"Điều chỉnh tổng mức đầu tư"}`,
		`{"action":"phase","phase":"implementation","reason":"Khởi công"}`,
		`{"action":"close","phase":"done","total_investment":{"provincial":-5}}`,
	}
}
