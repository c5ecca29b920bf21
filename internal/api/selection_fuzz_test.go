package api

// The fuzz seeds of the selection-plan and supervision routes
// (FuzzDecodeJSON), realistic bodies and near misses.
func init() {
	pkg := `{"name":"Gói 01: Xây lắp","price":6000000000,"source":"provincial","form":"open_bidding","method":"1s1e","international":false,"online":true,"start":"2026-Q3","contract_type":"lump_sum","duration_days":240}`
	for k, v := range map[string][]string{
		"createPackage": {pkg, `{"name":"Gói 02","price":1.5,"source":"bank","form":"x","method":"3s3e","start":"2026-13","contract_type":"","duration_days":-1}`,
			`{"name":"Gói 03","price":"1000","start":"2026-Q１"}`},
		"updatePackage": {pkg, `{"name":"","price":-5,"start":"26-03"}`},
		"createPlanVersion": {`{"decision":{"number":"125/QĐ-UBND","date":"2026-03-02","signer":"Nguyễn Văn Phó","file_id":12}}`,
			`{"decision":{"number":"","date":"2026-02-30"}}`, `{"decision":"125"}`},
		"createSelectionResult": {`{"winner":"Công ty CP Xây dựng Kinh Bắc","winning_price":5850000000,"decision":{"number":"9/QĐ-BQL","date":"2026-05-04","signer":"Trần B"}}`,
			`{"winner":"","winning_price":1e30,"decision":{}}`},
		"recordPosting":    {`{"posted_on":"2026-03-10"}`, `{"posted_on":"10/3/2026"}`, `{"posted_on":"2026-13-40"}`, `{"posted_on":5}`},
		"submitObligation": {`{"submitted_on":"2026-04-08","file_id":3,"note":"Quý I"}`, `{"submitted_on":"2028-06-20","sections":{"results":"Đạt","resources":"Đủ","benefits":"Tốt","sustainability":"Bền vững","responsibilities":"Rõ","lessons":"Giải phóng mặt bằng sớm"}}`, `{"sections":{"lessons":1}}`},
		"createInspection": {`{"date":"2026-05-05","inspectors":"Phòng Đấu thầu – Thẩm định và Giám sát đầu tư","findings":"Chậm tiến độ","conclusion":"Đôn đốc","conclusion_file_id":4}`, `{"date":"","findings":"\u0000"}`},
	} {
		requestSeeds[k] = v
	}
}
