data-live-refused = Tidak ada baris yang ditulis: beberapa rekaman tidak sesuai dengan tabel.
data-live-more-problems = …dan { $count } masalah lain.
data-live-not-tabular = Sumber data ini bukan tabel, jadi tidak dapat ditambah baris.
data-live-no-key = Tabel ini tidak memiliki kunci, jadi hanya dapat ditambah baris (POST), tidak diperbarui (PUT).
data-live-bad-body = Isi permintaan harus JSON berbentuk {"{"}"records": [...]{"}"}.
data-live-record-count = Kirim antara 1 dan 10.000 rekaman dalam satu permintaan.
